import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { TopicsService } from '@app/community';
import { Clock, DomainError, notFound } from '@app/core';
import { EventTimeConfirmations } from '@app/scheduling';
import { EventContext, EventContextService } from '../events/event-context.service';
import { EventFields, EventFieldsInput, resolveEventFields } from '../events/event-fields';
import { EventChangesInput, EventsService, changedInstantsIn, instantsIn } from '../events/events.service';
import { eventsError } from '../events.errors';
import { AudienceRequest, AudienceService } from '../invitations/audience.service';
import { expandRecurrence } from './recurrence';
import { SeriesEntity } from './series.entity';
import { SeriesRepository } from './series.repository';

export interface SeriesPlan {
  title: string;
  description?: string;
  /** Follow-ups in order: e.g. an online discussion, an in-person meetup, a networking session. */
  events: Array<EventFieldsInput & Pick<EventTimeConfirmations, 'confirmLongEvent'>>;
  /** With a rule, `events` holds one template whose occurrences are materialised up to `until`. */
  recurrence?: { rule: string; until: Date };
  /** Who is invited to every event; absent: the topic's participants (as before audiences). */
  audience?: AudienceRequest;
}

export interface SeriesView {
  series: SeriesEntity;
  events: EventContext[];
  /** The fan-out jobs the request recorded (progress at GET /api/jobs/:id). */
  jobIds?: string[];
}

/**
 * Series grow from a topic; scheduling one invites its audience (by default the topic's participants),
 * a fan-out job per event.
 */
@Injectable()
export class SeriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SeriesRepository) private readonly repository: SeriesRepository,
    @Inject(TopicsService) private readonly topics: TopicsService,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(AudienceService) private readonly audiences: AudienceService,
    @Inject(Clock) private readonly clock: Clock,
    @InjectRepository(SeriesEntity) private readonly seriesRepository: Repository<SeriesEntity>,
  ) {}

  /**
   * One transaction: the series, all of its events and every invitation. If any event is invalid,
   * nothing is created.
   */
  async createFromTopic(topicId: string, actorId: string, plan: SeriesPlan): Promise<SeriesView> {
    const jobIds: string[] = [];
    const seriesId = await this.dataSource.transaction(async (tx) => {
      const { topic, group, access } = await this.topics.requireTopic(topicId, actorId, 'view', tx);
      if (!access.canEdit) throw new DomainError('FORBIDDEN', 'Only organizers can schedule events');
      // Wall times are read in each event's own zone; errors name the plan's field (events.1.startsAt).
      const planned = plan.events.map((e, i) => ({
        fields: instantsIn(e, e.timezone, `events.${i}.`),
        confirmLongEvent: e.confirmLongEvent,
      }));
      const templates = plan.recurrence
        ? this.occurrences(planned, plan.recurrence)
        : planned.map((e, i) => ({ ...e, index: i, planIndex: i }));
      const now = this.clock.now();
      const series = tx.create(SeriesEntity, {
        groupId: group.id,
        topicId: topic.id,
        title: plan.title,
        description: plan.description ?? '',
        recurrenceRule: plan.recurrence?.rule ?? null,
        recurrenceTimezone: plan.recurrence ? plan.events[0].timezone : null,
        horizonUntil: plan.recurrence?.until ?? null,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      });
      await tx.save(SeriesEntity, series);
      const { audience } = await this.audiences.resolve(
        tx,
        plan.audience ?? { topicParticipants: true },
        topic.id,
        { groupId: group.id, actorId },
        'audience.people',
      );
      for (const { fields, index, planIndex, confirmLongEvent } of templates) {
        const event = await this.events.insert(
          tx,
          group,
          actorId,
          resolveEventFields(fields),
          { seriesId: series.id, topicId: topic.id, occurrenceIndex: plan.recurrence ? index : null },
          { confirmLongEvent, fieldPrefix: `events.${planIndex}.` },
        );
        const outcome = await this.audiences.inviteResolved(tx, event, audience, actorId);
        if (outcome.jobId) jobIds.push(outcome.jobId);
      }
      return series.id;
    });
    return { ...(await this.get(seriesId, actorId)), jobIds };
  }

  async get(seriesId: string, userId: string | null): Promise<SeriesView> {
    const series = await this.seriesRepository.findOneBy({ id: seriesId });
    if (!series) throw notFound('Series');
    const ids = await this.repository.eventIds(seriesId);
    const events: EventContext[] = [];
    for (const { id } of ids) {
      const context = await this.contexts.load(id, userId);
      if (context?.view.canSee) events.push(context);
    }
    // Nothing visible in it (or its group is hidden from the caller): the same answer as no series.
    if (events.length === 0) throw notFound('Series');
    return { series, events };
  }

  async update(
    seriesId: string,
    actorId: string,
    changes: { title?: string; description?: string },
  ): Promise<SeriesView> {
    const view = await this.get(seriesId, actorId);
    if (!view.events.some((e) => e.view.isOrganizer))
      throw new DomainError('FORBIDDEN', 'Only organizers can edit a series');
    await this.seriesRepository.update({ id: seriesId }, { ...changes, updatedAt: this.clock.now() });
    return this.get(seriesId, actorId);
  }

  /**
   * "This and following": the edited occurrence's time shift is applied to every later occurrence
   * (so a weekly 19:00 moved to 20:00 stays weekly at 20:00); other fields are copied as given.
   */
  async updateFollowing(
    eventId: string,
    actorId: string,
    input: EventChangesInput,
    confirm: EventTimeConfirmations = {},
    audienceRequest?: AudienceRequest,
  ): Promise<Array<EventContext & { jobIds: string[] }>> {
    const jobIds = new Map<string, string[]>();
    const ids = await this.dataSource.transaction(async (tx) => {
      const { event } = await this.contexts.require(eventId, actorId, 'organizer', tx);
      if (!event.seriesId) throw eventsError('SERIES_NOT_RECURRING', 'This event is not part of a series');
      const changes = changedInstantsIn(input, input.timezone ?? event.timezone);
      const following = await this.repository.following(tx, event.seriesId, event.startsAt);
      const startShift = changes.startsAt ? changes.startsAt.getTime() - event.startsAt.getTime() : 0;
      const endShift = changes.endsAt ? changes.endsAt.getTime() - event.endsAt.getTime() : startShift;
      const added = audienceRequest
        ? (
            await this.audiences.resolve(
              tx,
              audienceRequest,
              event.topicId,
              { groupId: event.groupId, actorId },
              'audience.people',
            )
          ).audience
        : null;
      for (const occurrence of following) {
        const recorded: string[] = [];
        jobIds.set(occurrence.id, recorded);
        const updated = await this.events.updateInTx(
          tx,
          occurrence.id,
          actorId,
          {
            ...changes,
            startsAt: new Date(occurrence.startsAt.getTime() + startShift),
            endsAt: new Date(occurrence.endsAt.getTime() + endShift),
          },
          confirm,
          recorded,
        );
        const outcome = added ? await this.audiences.inviteResolved(tx, updated, added, actorId) : null;
        if (outcome?.jobId) recorded.push(outcome.jobId);
      }
      return following.map((e) => e.id);
    });
    return Promise.all(
      ids.map(async (id) => ({
        ...(await this.contexts.require(id, actorId)),
        jobIds: jobIds.get(id) ?? [],
      })),
    );
  }

  /** Every occurrence is inserted (and so checked) as a new event, attributed to the template, events.0. */
  private occurrences(
    planned: Array<{ fields: EventFields; confirmLongEvent?: boolean }>,
    recurrence: { rule: string; until: Date },
  ): Array<{ fields: EventFields; index: number; planIndex: number; confirmLongEvent?: boolean }> {
    const [template] = planned;
    if (planned.length !== 1 || !template) {
      throw eventsError('RECURRENCE_INVALID', 'A recurring series takes exactly one event as its template');
    }
    const { fields } = template;
    const result = expandRecurrence({
      rule: recurrence.rule,
      firstStartsAt: fields.startsAt,
      durationMs: fields.endsAt.getTime() - fields.startsAt.getTime(),
      timezone: fields.timezone,
      horizonUntil: recurrence.until,
    });
    if (!result.ok) throw eventsError('RECURRENCE_INVALID', result.reason);
    return result.occurrences.map((o) => ({
      fields: { ...fields, startsAt: o.startsAt, endsAt: o.endsAt },
      index: o.index,
      planIndex: 0,
      confirmLongEvent: template.confirmLongEvent,
    }));
  }
}
