import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, Env, RateLimiterService } from '@app/core';
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

const DAY_MS = 24 * 3600_000;

/** Whose audience it is: the group it invites to, and who asks (their daily guest allowance). */
export interface AudienceScope {
  groupId: string;
  actorId: string | null;
}

/** What adding an audience did: `invited` counts everyone newly invited, mailed or not (opted out). */
export interface AudienceOutcome {
  invited: number;
  alreadyInvited: number;
  optedOut: number;
  banned: number;
  /** Named people who are not members of the group, whether or not they have an account. */
  guests: number;
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
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
    @Inject(Env) private readonly env: Env,
  ) {}

  /**
   * The Audience a request names, accounts created for unknown addresses. Invalid entries refuse the
   * whole request (422 naming them) before anything is written, as do more than MAX_NAMED people.
   * Named people who are not members of the group (guests) count against the actor's daily allowance
   * (AUDIENCE_GUESTS_PER_DAY; 429 when spent). `field` names `people` in errors.
   */
  async resolve(
    tx: EntityManager,
    request: AudienceRequest,
    topicId: string | null,
    scope: AudienceScope,
    field = 'people',
  ): Promise<{ audience: Audience; guests: number }> {
    const list = readPeople(request, field);
    const known = await this.users.idsByEmail(
      tx,
      list.addresses.map((a) => a.email),
    );
    const members = await this.repository.members(tx, scope.groupId, [...known.values()]);
    const guests = list.addresses.length - members.size;
    if (guests > 0 && scope.actorId) await this.spendGuests(scope.actorId, guests, field);
    const { ids } = await this.users.findOrCreateMany(
      tx,
      list.addresses.map((a) => ({ email: a.email, displayName: displayNameFor(a) })),
    );
    return { audience: audienceOf(request, topicId, [...ids.values()]), guests };
  }

  /** Counts `guests` against the actor's daily allowance: 422 if more than a day's, 429 once spent. */
  private async spendGuests(actorId: string, guests: number, field: string): Promise<void> {
    const limit = this.env.AUDIENCE_GUESTS_PER_DAY;
    const problem = `names ${guests} people who are not members; at most ${limit} a day`;
    if (guests > limit)
      throw eventsError(
        'AUDIENCE_INVALID',
        `At most ${limit} people who are not members can be invited a day`,
        {
          fields: [{ field, problems: [problem] }],
        },
      );
    try {
      await this.rateLimiter.consume({
        key: `audience-guests:${actorId}`,
        limit,
        windowMs: DAY_MS,
        weight: guests,
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'RATE_LIMITED') throw error;
      throw new DomainError(
        'RATE_LIMITED',
        `At most ${limit} people who are not members can be invited a day`,
        {
          ...error.details,
          fields: [{ field, problems: [problem] }],
        },
      );
    }
  }

  /** Invites a resolved audience to one event (idempotent: only people not yet invited are added). */
  async inviteResolved(
    tx: EntityManager,
    event: EventEntity,
    audience: Audience,
    invitedBy: string | null,
  ): Promise<Omit<AudienceOutcome, 'guests'>> {
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
    const scope = { groupId: event.groupId, actorId: invitedBy };
    const { audience, guests } = await this.resolve(tx, request, event.topicId, scope, field);
    return { ...(await this.inviteResolved(tx, event, audience, invitedBy)), guests };
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
