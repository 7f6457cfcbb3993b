import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AnnouncementsService, GroupAccessService, GroupEntity } from '@app/community';
import { Clock, Env, Page, decodeCursor, encodeCursor } from '@app/core';
import type { EventChange } from '@app/notifications';
import { EventTimeConfirmations, editedEventTimeProblems, newEventTimeProblems } from '@app/scheduling';
import { decideEventView } from '../access/event-visibility';
import { eventsError } from '../events.errors';
import { AudienceRequest, AudienceService } from '../invitations/audience.service';
import { InvitationsService } from '../invitations/invitations.service';
import { statedAccessibility } from './accessibility';
import { EventContext, EventContextService } from './event-context.service';
import {
  EventFields,
  EventFieldsInput,
  EventFieldsResolved,
  eventFieldProblems,
  isMaterialChange,
  resolveEventFields,
} from './event-fields';
import { EventHooks } from './event-hooks';
import { EventTimeInput, assertNoTimeProblems, readEventTime } from './event-local-times';
import { EventEntity, EventKind, EventStatus } from './event.entity';
import { EventsRepository } from './events.repository';

export interface EventListFilter {
  from?: Date;
  to?: Date;
  kind?: EventKind;
  status?: EventStatus;
  limit: number;
  cursor?: string;
}

export interface CreatePlacement {
  seriesId?: string | null;
  topicId?: string | null;
  occurrenceIndex?: number | null;
}

export interface InsertOptions {
  confirmLongEvent?: boolean;
  /** Prefix for field names in errors, e.g. `events.2.` inside a series plan. */
  fieldPrefix?: string;
}

/** Changes as the API takes them: times may be wall times, read in the event's (new or current) zone. */
export type EventChangesInput = Omit<Partial<EventFields>, 'startsAt' | 'endsAt'> & {
  startsAt?: EventTimeInput;
  endsAt?: EventTimeInput;
};

/** Reads the wall times among the fields in `zone`; instants pass through. */
export function instantsIn(fields: EventFieldsInput, zone: string, fieldPrefix = ''): EventFields {
  return {
    ...fields,
    startsAt: readEventTime(fields.startsAt, zone, `${fieldPrefix}startsAt`),
    endsAt: readEventTime(fields.endsAt, zone, `${fieldPrefix}endsAt`),
  };
}

export function changedInstantsIn(changes: EventChangesInput, zone: string): Partial<EventFields> {
  const { startsAt, endsAt, ...rest } = changes;
  return {
    ...rest,
    ...(startsAt !== undefined ? { startsAt: readEventTime(startsAt, zone, 'startsAt') } : {}),
    ...(endsAt !== undefined ? { endsAt: readEventTime(endsAt, zone, 'endsAt') } : {}),
  };
}

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventsRepository) private readonly repository: EventsRepository,
    @Inject(GroupAccessService) private readonly groups: GroupAccessService,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(AudienceService) private readonly audiences: AudienceService,
    @Inject(EventHooks) private readonly hooks: EventHooks,
    @Inject(AnnouncementsService) private readonly announcements: AnnouncementsService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(Env) private readonly env: Env,
    @InjectRepository(EventEntity) private readonly eventRepository: Repository<EventEntity>,
  ) {}

  /**
   * Inserts one event in the caller's transaction; rules between fields are checked here, and every
   * way of creating an event (directly, a series plan, each recurrence occurrence) passes through it.
   */
  async insert(
    tx: EntityManager,
    group: GroupEntity,
    actorId: string,
    fields: EventFieldsResolved,
    placement: CreatePlacement = {},
    options: InsertOptions = {},
  ): Promise<EventEntity> {
    const now = this.clock.now();
    assertNoTimeProblems(newEventTimeProblems(fields, now, options), options.fieldPrefix);
    assertCoherent(fields);
    const id = randomUUID();
    const event = tx.create(EventEntity, {
      ...fields,
      id,
      groupId: group.id,
      seriesId: placement.seriesId ?? null,
      topicId: placement.topicId ?? null,
      occurrenceIndex: placement.occurrenceIndex ?? null,
      // Stable for the event's life; calendars key updates and cancellations on it (RFC 5545 UID).
      calendarUid: `${id}@${this.env.INBOUND_DOMAIN}`,
      sequence: 0,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
    });
    await tx.insert(EventEntity, event);
    if (event.status === 'scheduled') await this.announce(tx, event);
    return event;
  }

  /** A new event, and (with an audience) its invitations, in one transaction; nobody is invited by default. */
  async createInGroup(
    slug: string,
    actorId: string,
    input: EventFieldsInput,
    confirm: Pick<EventTimeConfirmations, 'confirmLongEvent'> = {},
    audience?: AudienceRequest,
  ): Promise<EventContext & { jobIds: string[] }> {
    const jobIds: string[] = [];
    const id = await this.dataSource.transaction(async (tx) => {
      const { group } = await this.groups.require(slug, actorId, 'edit', tx);
      const fields = instantsIn(input, input.timezone);
      const event = await this.insert(tx, group, actorId, resolveEventFields(fields), {}, confirm);
      const outcome = audience ? await this.audiences.inviteInTx(tx, event, audience, actorId) : null;
      if (outcome?.jobId) jobIds.push(outcome.jobId);
      return event.id;
    });
    return { ...(await this.contexts.require(id, actorId)), jobIds };
  }

  get(eventId: string, userId: string | null): Promise<EventContext> {
    return this.contexts.require(eventId, userId);
  }

  /** Events of a group the caller can see, by start time, keyset-paginated. */
  async listForGroup(
    slug: string,
    userId: string | null,
    filter: EventListFilter,
  ): Promise<Page<EventContext>> {
    const group = await this.groups.require(slug, userId, 'view');
    const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
    const rows = await this.repository.listForGroup(group.group.id, group.access.canEdit, filter, cursor);
    const page = rows.slice(0, filter.limit);
    const statuses =
      userId && page.length > 0
        ? await this.contexts.viewerStatuses(
            userId,
            page.map((e) => e.id),
          )
        : [];
    const items = page.map((event) => {
      const myRsvp = statuses.find((s) => s.event_id === event.id)?.status ?? null;
      // A group's list is for those who may see the group; a guest's invitation opens only its event.
      return { event, group, myRsvp, invited: false, view: decideEventView(event, group.access, myRsvp) };
    });
    const last = page[page.length - 1];
    // starts_at is written from JS Dates, so millisecond precision is exact here.
    const nextCursor =
      rows.length > filter.limit && last
        ? encodeCursor({ at: last.startsAt.toISOString().replace('Z', '000Z'), id: last.id })
        : null;
    return { items, nextCursor };
  }

  /**
   * Applies changes under the event row lock. A change attendees can see bumps SEQUENCE and records
   * the fan-out job that updates every invited calendar in the same transaction; hooks (waitlist
   * promotion when capacity grows) run inside it too. An audience invites the people it adds (only
   * those not yet invited) with a job after the change's, so they get the new version.
   */
  async update(
    eventId: string,
    actorId: string,
    changes: EventChangesInput,
    confirm: EventTimeConfirmations = {},
    audience?: AudienceRequest,
  ): Promise<EventContext & { jobIds: string[] }> {
    const jobIds: string[] = [];
    await this.dataSource.transaction(async (tx) => {
      const { event } = await this.contexts.require(eventId, actorId, 'organizer', tx, true);
      const instants = changedInstantsIn(changes, changes.timezone ?? event.timezone);
      const after = await this.updateInTx(tx, eventId, actorId, instants, confirm, jobIds);
      const outcome = audience ? await this.audiences.inviteInTx(tx, after, audience, actorId) : null;
      if (outcome?.jobId) jobIds.push(outcome.jobId);
    });
    return { ...(await this.contexts.require(eventId, actorId)), jobIds };
  }

  async updateInTx(
    tx: EntityManager,
    eventId: string,
    actorId: string,
    changes: Partial<EventFields>,
    confirm: EventTimeConfirmations = {},
    /** Collects the id of the fan-out job the change records, if any. */
    jobIds: string[] = [],
  ): Promise<EventEntity> {
    const { event: before } = await this.contexts.require(eventId, actorId, 'organizer', tx, true);
    if (before.status === 'cancelled')
      throw eventsError('EVENT_CANCELLED', 'A cancelled event cannot be changed');
    const now = this.clock.now();
    const { accessibility, ...rest } = changes;
    const after: EventEntity = { ...before, ...definedOnly(rest), updatedAt: now };
    if (accessibility !== undefined) after.accessibility = statedAccessibility(accessibility);
    if (changes.tags) after.tags = changes.tags.map((t) => t.toLowerCase());
    const publishing = before.status === 'draft' && after.status === 'scheduled';
    const startMovedToPast =
      after.startsAt.getTime() !== before.startsAt.getTime() && after.startsAt.getTime() <= now.getTime();
    // Only a start moved into the past needs to know whether invitations went out.
    const invited = startMovedToPast && (await this.invitations.anySent(tx, eventId));
    assertNoTimeProblems(editedEventTimeProblems(before, after, now, { ...confirm, invited, publishing }));
    assertCoherent(after);
    const material = isMaterialChange(before, after) && before.status !== 'draft';
    if (material) after.sequence = before.sequence + 1;
    await tx.save(EventEntity, after);
    await this.hooks.changed(tx, before, after);
    if (publishing) await this.announce(tx, after);
    const job = publishing
      ? await this.invitations.notifyPublished(tx, after)
      : material
        ? await this.invitations.notifyChanged(tx, after, changesBetween(before, after))
        : null;
    if (job) jobIds.push(job.id);
    return after;
  }

  /** Cancels: SEQUENCE up, STATUS cancelled, a CANCEL to every invited calendar (a fan-out job). */
  async cancel(eventId: string, actorId: string): Promise<EventContext & { jobIds: string[] }> {
    const jobIds: string[] = [];
    await this.dataSource.transaction(async (tx) => {
      const { event } = await this.contexts.require(eventId, actorId, 'organizer', tx, true);
      if (event.status === 'cancelled') return;
      const now = this.clock.now();
      const after: EventEntity = {
        ...event,
        status: 'cancelled',
        cancelledAt: now,
        updatedAt: now,
        sequence: event.sequence + 1,
      };
      await tx.save(EventEntity, after);
      const job = await this.invitations.notifyChanged(tx, after);
      if (job) jobIds.push(job.id);
    });
    return { ...(await this.contexts.require(eventId, actorId)), jobIds };
  }

  async updateRecipientCount(eventId: string, actorId: string): Promise<number> {
    await this.contexts.require(eventId, actorId, 'organizer');
    return this.invitations.countUpdateRecipients(this.dataSource.manager, eventId);
  }

  /** Group members hear of a published event from the announcements worker, never in this request. */
  private announce(tx: EntityManager, event: EventEntity): Promise<void> {
    return this.announcements.record(tx, {
      groupId: event.groupId,
      kind: 'event',
      itemId: event.id,
      authorId: event.createdBy,
    });
  }

  /** Of these events, the ones scheduled and not yet over, in id order. */
  async upcomingScheduled(tx: EntityManager, eventIds: string[]): Promise<string[]> {
    if (eventIds.length === 0) return [];
    return this.repository.upcomingScheduled(tx, eventIds);
  }
}

function changesBetween(before: EventEntity, after: EventEntity): EventChange[] {
  const differs = (keys: Array<keyof EventEntity>) =>
    keys.some((k) => {
      const a = before[k];
      const b = after[k];
      return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
    });
  const changes: EventChange[] = [];
  if (differs(['startsAt', 'endsAt', 'timezone'])) changes.push('time');
  if (differs(['venueName', 'venueAddress'])) changes.push('place');
  if (differs(['joinUrl'])) changes.push('join-link');
  return changes;
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function assertCoherent(fields: EventFieldsResolved): void {
  const problems = eventFieldProblems(fields);
  if (problems.length > 0)
    throw eventsError('EVENT_INVALID', problems.map((p) => `${p.field} ${p.problem}`).join('; '), {
      fields: problems.map((p) => ({ field: p.field, problems: [p.problem] })),
    });
}
