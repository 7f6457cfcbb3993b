import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RateLimiterService } from '@app/core';
import { GroupAccessService, TopicsService } from '@app/community';
import { UsersService } from '@app/identity';
import { EventContextService } from '../../events/event-context.service';
import { eventsError } from '../../events.errors';
import { isEmptyAudience } from '../audience';
import { AudienceCounts, AudienceRepository } from '../audience.repository';
import { AudienceRequest, INVALID_LISTED, audienceOf, parsePeople } from '../audience-request';

/** Previews one person may ask for (generous: the chooser previews as the organizer types). */
export const PREVIEW_LIMIT = { limit: 120, windowMs: 60_000 };

/** What an audience would do: counts of people, and the entries of `people` that are not addresses. */
export interface AudiencePreview extends AudienceCounts {
  /**
   * Named people who are not members of the group, whether or not they have an account (the answer
   * never tells which): counted in toInvite unless already invited; their opt-outs are not counted.
   */
  guests: number;
  invalid: string[];
}

/**
 * The organizer's preview before confirming: reads only — unknown addresses are counted, not created;
 * bad entries are listed, not refused — and counts with the same SQL the invitation expands. Nothing
 * in it depends on whether a named non-member has an account. Rate-limited per person.
 */
@Injectable()
export class PreviewAudience {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AudienceRepository) private readonly repository: AudienceRepository,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(GroupAccessService) private readonly groups: GroupAccessService,
    @Inject(TopicsService) private readonly topics: TopicsService,
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
  ) {}

  /** Adding people to an event: organizers only. */
  async forEvent(eventId: string, actorId: string, request: AudienceRequest): Promise<AudiencePreview> {
    await this.rateLimiter.consume({ key: `audience-preview:${actorId}`, ...PREVIEW_LIMIT });
    const { event } = await this.contexts.require(eventId, actorId, 'organizer');
    return this.preview(event.groupId, event.id, event.topicId, request);
  }

  /** For a new event or series: `topicId` names the topic a series would grow from. */
  async forGroup(
    slug: string,
    actorId: string,
    request: AudienceRequest,
    topicId: string | null,
  ): Promise<AudiencePreview> {
    await this.rateLimiter.consume({ key: `audience-preview:${actorId}`, ...PREVIEW_LIMIT });
    const { group } = await this.groups.require(slug, actorId, 'edit');
    if (topicId) {
      const topic = await this.topics.requireTopic(topicId, actorId, 'view');
      if (topic.group.id !== group.id)
        throw eventsError('AUDIENCE_INVALID', 'The topic is not in this group');
    }
    return this.preview(group.id, null, topicId, request);
  }

  private async preview(
    groupId: string,
    eventId: string | null,
    topicId: string | null,
    request: AudienceRequest,
  ): Promise<AudiencePreview> {
    const tx = this.dataSource.manager;
    const list = parsePeople(request, 'people');
    const known = await this.users.idsByEmail(
      tx,
      list.addresses.map((a) => a.email),
    );
    const members = await this.repository.members(tx, groupId, [...known.values()]);
    const guests = list.addresses.length - members.size;
    const unknownAddresses = list.addresses.length - known.size;
    const audience = audienceOf(request, topicId, [...known.values()]);
    const counts = isEmptyAudience(audience)
      ? { toInvite: 0, alreadyInvited: 0, optedOut: 0, banned: 0 }
      : await this.repository.counts(tx, groupId, eventId, audience);
    // Guests without an account are invited like guests with one (who count as toInvite whatever
    // their opt-out, see counts): the sum cannot tell the two apart.
    return {
      ...counts,
      toInvite: counts.toInvite + unknownAddresses,
      guests,
      invalid: list.invalid.slice(0, INVALID_LISTED),
    };
  }
}
