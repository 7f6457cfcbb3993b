import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UsersService } from '@app/identity';
import { EventContextService } from '../events/event-context.service';
import { EventEntity } from '../events/event.entity';
import { eventsError } from '../events.errors';
import { displayNameFor } from './address-list';
import { Audience, isEmptyAudience } from './audience';
import { AudienceRepository } from './audience.repository';
import { AudienceRequest, audienceOf, readPeople } from './audience-request';
import { InvitationsService } from './invitations.service';

export type { AudienceRequest };

/** What adding an audience did: `invited` counts everyone newly invited, mailed or not (opted out). */
export interface AudienceOutcome {
  invited: number;
  alreadyInvited: number;
  optedOut: number;
  banned: number;
  accountsCreated: number;
  /** The fan-out job that invites and mails them (progress at GET /api/jobs/:id); null: nobody to invite. */
  jobId?: string | null;
}

/**
 * Turns an organizer's audience into invitations: the pasted people read and their accounts found or
 * created (one statement each way, however long the list), then one call to InvitationsService.invite,
 * which expands the audience with the same SQL the preview counts with.
 */
@Injectable()
export class AudienceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AudienceRepository) private readonly repository: AudienceRepository,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(EventContextService) private readonly contexts: EventContextService,
  ) {}

  /**
   * The Audience a request names, accounts created for unknown addresses. Invalid entries refuse the
   * whole request (422 naming them) before anything is written. `field` names `people` in errors.
   */
  async resolve(
    tx: EntityManager,
    request: AudienceRequest,
    topicId: string | null,
    field = 'people',
  ): Promise<{ audience: Audience; accountsCreated: number }> {
    const list = readPeople(request, field);
    const { ids, created } = await this.users.findOrCreateMany(
      tx,
      list.addresses.map((a) => ({ email: a.email, displayName: displayNameFor(a) })),
    );
    return { audience: audienceOf(request, topicId, [...ids.values()]), accountsCreated: created.length };
  }

  /** Invites a resolved audience to one event (idempotent: only people not yet invited are added). */
  async inviteResolved(
    tx: EntityManager,
    event: EventEntity,
    audience: Audience,
    invitedBy: string | null,
  ): Promise<Omit<AudienceOutcome, 'accountsCreated'>> {
    if (isEmptyAudience(audience))
      return { invited: 0, alreadyInvited: 0, optedOut: 0, banned: 0, jobId: null };
    const counts = await this.repository.counts(tx, event.groupId, event.id, audience);
    const { toInvite, alreadyInvited, optedOut, banned } = counts;
    // Nobody new: no job. The counts give the job's estimate (everyone the audience names), so the
    // audience is counted once per request; the job itself is exact.
    const estimate = toInvite + optedOut + alreadyInvited;
    const job =
      toInvite + optedOut > 0
        ? await this.invitations.invite(tx, event, audience, invitedBy, estimate)
        : null;
    return { invited: toInvite + optedOut, alreadyInvited, optedOut, banned, jobId: job?.id ?? null };
  }

  /** Resolves and invites, in the caller's transaction (creating or editing an event). */
  async inviteInTx(
    tx: EntityManager,
    event: EventEntity,
    request: AudienceRequest,
    invitedBy: string | null,
    field = 'audience.people',
  ): Promise<AudienceOutcome> {
    const { audience, accountsCreated } = await this.resolve(tx, request, event.topicId, field);
    return { ...(await this.inviteResolved(tx, event, audience, invitedBy)), accountsCreated };
  }

  /** "Add people" to an event: organizers only; a cancelled event takes nobody. */
  addToEvent(eventId: string, actorId: string, request: AudienceRequest): Promise<AudienceOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const { event } = await this.contexts.require(eventId, actorId, 'organizer', tx, true);
      if (event.status === 'cancelled')
        throw eventsError('EVENT_CANCELLED', 'A cancelled event cannot take invitations');
      return this.inviteInTx(tx, event, request, actorId, 'people');
    });
  }
}
