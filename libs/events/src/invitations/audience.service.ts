import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessService, GroupRole, TopicsService } from '@app/community';
import { DomainError } from '@app/core';
import { UsersService } from '@app/identity';
import { EventContextService } from '../events/event-context.service';
import { EventEntity } from '../events/event.entity';
import { eventsError } from '../events.errors';
import { AddressList, displayNameFor, parseAddressList } from './address-list';
import { Audience, isEmptyAudience } from './audience';
import { AudienceCounts, AudienceRepository } from './audience.repository';
import { InvitationsService } from './invitations.service';

/** An audience as organizers give it: parts to combine, named people as a pasted list. */
export interface AudienceRequest {
  /** The participants of the topic the event grows from (its author, posters and followers). */
  topicParticipants?: boolean;
  allMembers?: boolean;
  roles?: GroupRole[];
  /** Addresses separated by commas, semicolons or line breaks: `addr`, `Name <addr>`, `"Name, Jr." <addr>`. */
  people?: string;
}

/** What an audience would do: counts of people, and the entries of `people` that are not addresses. */
export interface AudiencePreview extends AudienceCounts {
  /** Addresses without an account: one is created for each, then invited. Counted in toInvite. */
  unknownAddresses: number;
  invalid: string[];
}

/** What adding an audience did: `invited` counts everyone newly invited, mailed or not (opted out). */
export interface AudienceOutcome {
  invited: number;
  alreadyInvited: number;
  optedOut: number;
  banned: number;
  accountsCreated: number;
}

/** How many of the bad entries an error names (the count says how many there are in all). */
const INVALID_LISTED = 100;

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
    @Inject(GroupAccessService) private readonly groups: GroupAccessService,
    @Inject(TopicsService) private readonly topics: TopicsService,
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
    const list = this.readPeople(request, field);
    const { ids, created } = await this.users.findOrCreateMany(
      tx,
      list.addresses.map((a) => ({ email: a.email, displayName: displayNameFor(a) })),
    );
    return { audience: this.audienceOf(request, topicId, [...ids.values()]), accountsCreated: created.length };
  }

  /** Invites a resolved audience to one event (idempotent: only people not yet invited are added). */
  async inviteResolved(
    tx: EntityManager,
    event: EventEntity,
    audience: Audience,
    invitedBy: string | null,
  ): Promise<Omit<AudienceOutcome, 'accountsCreated'>> {
    if (isEmptyAudience(audience)) return { invited: 0, alreadyInvited: 0, optedOut: 0, banned: 0 };
    const counts = await this.repository.counts(tx, event.groupId, event.id, audience);
    await this.invitations.invite(tx, event, audience, invitedBy);
    const { toInvite, alreadyInvited, optedOut, banned } = counts;
    return { invited: toInvite + optedOut, alreadyInvited, optedOut, banned };
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

  async previewForEvent(eventId: string, actorId: string, request: AudienceRequest): Promise<AudiencePreview> {
    const { event } = await this.contexts.require(eventId, actorId, 'organizer');
    return this.preview(event.groupId, event.id, event.topicId, request);
  }

  /** For a new event or series: `topicId` names the topic a series would grow from. */
  async previewForGroup(
    slug: string,
    actorId: string,
    request: AudienceRequest,
    topicId: string | null,
  ): Promise<AudiencePreview> {
    const { group } = await this.groups.require(slug, actorId, 'edit');
    if (topicId) {
      const topic = await this.topics.requireTopic(topicId, actorId, 'view');
      if (topic.group.id !== group.id) throw eventsError('AUDIENCE_INVALID', 'The topic is not in this group');
    }
    return this.preview(group.id, null, topicId, request);
  }

  /** Reads only: unknown addresses are counted, not created; bad entries are listed, not refused. */
  private async preview(
    groupId: string,
    eventId: string | null,
    topicId: string | null,
    request: AudienceRequest,
  ): Promise<AudiencePreview> {
    const tx = this.dataSource.manager;
    const list = parseAddressList(request.people ?? '');
    const known = await this.users.idsByEmail(
      tx,
      list.addresses.map((a) => a.email),
    );
    const unknownAddresses = list.addresses.length - known.size;
    const audience = this.audienceOf(request, topicId, [...known.values()]);
    const counts = isEmptyAudience(audience)
      ? { toInvite: 0, alreadyInvited: 0, optedOut: 0, banned: 0 }
      : await this.repository.counts(tx, groupId, eventId, audience);
    return {
      ...counts,
      toInvite: counts.toInvite + unknownAddresses,
      unknownAddresses,
      invalid: list.invalid.slice(0, INVALID_LISTED),
    };
  }

  private readPeople(request: AudienceRequest, field: string): AddressList {
    const list = parseAddressList(request.people ?? '');
    if (list.invalid.length > 0) {
      const listed = list.invalid.slice(0, INVALID_LISTED);
      throw eventsError('AUDIENCE_INVALID', `${list.invalid.length} entries are not email addresses`, {
        fields: [{ field, problems: listed.map((entry) => `not an email address: ${entry}`) }],
        invalid: listed,
        invalidCount: list.invalid.length,
      });
    }
    return list;
  }

  private audienceOf(request: AudienceRequest, topicId: string | null, userIds: string[]): Audience {
    if (request.topicParticipants && !topicId)
      throw new DomainError('VALIDATION_FAILED', 'This event does not grow from a topic', {
        fields: [{ field: 'topicParticipants', problems: ['needs a topic (a series, or topicId)'] }],
      });
    return {
      topicId: request.topicParticipants ? topicId : null,
      allMembers: request.allMembers === true,
      roles: request.roles ?? [],
      userIds,
    };
  }
}
