import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, MetricsService } from '@app/core';
import { MembershipsService } from '@app/community';
import {
  EventContext,
  EventContextService,
  EventEntity,
  InvitationsService,
  InvitationMailKind,
  requireAccess,
  withView,
} from '@app/events';
import { rsvpError } from './rsvp.errors';
import { RsvpEntity, RsvpMode, RsvpSource, RsvpStatus } from './rsvp.entity';
import { Answer, capacityFor, modeFor, placeGoing } from './rsvp-rules';
import { GuardedWritesRepository } from './guarded-writes.repository';
import { LockedAnswer, RsvpRepository, TakenRange } from './rsvp.repository';
import { RsvpWrite } from './rsvp-rows';
import { RsvpTestHooks } from './rsvp-test-hooks';
import { WaitlistService } from './waitlist.service';

export interface RsvpRequest {
  eventId: string;
  userId: string;
  answer: Answer;
  guests?: number;
  mode?: RsvpMode;
  answers?: Record<string, string>;
  cocAcknowledged?: boolean;
  source: RsvpSource;
  /** Who made the change when it is not the attendee (an organizer). */
  actorId?: string | null;
  note?: string;
}

export interface RsvpOutcome {
  rsvp: RsvpEntity;
  previous: RsvpStatus | null;
  changed: boolean;
}

/** What an answer does (RsvpService.decide): nothing new, or one write and what comes with it. */
type Decision =
  | { unchanged: RsvpOutcome }
  | {
      unchanged?: undefined;
      context: EventContext;
      write: RsvpWrite;
      notice: InvitationMailKind | undefined;
      /** The membership whose code-of-conduct acceptance this answer records, and when. */
      cocAcceptedBy: { membershipId: string; at: Date } | null;
      /** A seat given back while somebody waits: the waitlist moves in the same transaction. */
      promote: boolean;
      taken: TakenRange | null;
    };

const NOTICE: Partial<Record<RsvpStatus, InvitationMailKind>> = {
  going: 'confirmed',
  maybe: 'maybe',
  waitlisted: 'waitlisted',
  pending_approval: 'pending',
};

/**
 * The one RSVP code path for every channel (web, one-click link, calendar reply, organizer). Rules
 * are checked here under the event row lock, so capacity, waitlist order, approval and code of
 * conduct hold the same way whichever door the answer came through.
 */
@Injectable()
export class RsvpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(WaitlistService) private readonly waitlist: WaitlistService,
    @Inject(RsvpTestHooks) private readonly testHooks: RsvpTestHooks,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(RsvpRepository) private readonly repository: RsvpRepository,
    @Inject(MembershipsService) private readonly memberships: MembershipsService,
    @Inject(GuardedWritesRepository) private readonly guardedWrites: GuardedWritesRepository,
  ) {}

  /**
   * An answer on its own: decided on a read, then recorded by one guarded statement that takes the
   * event lock and writes only if what the decision rested on still holds (two round trips, the lock
   * held only inside PostgreSQL). When it no longer holds, or the answer needs more than that one
   * statement (a promotion from the waitlist, the code of conduct recorded on the membership), the
   * answer is decided again in a transaction under the lock, as respondInTx does for every caller.
   */
  async respond(request: RsvpRequest): Promise<RsvpOutcome> {
    if (!this.testHooks.capacityGuardsOff) {
      const outcome = await this.respondInOneWrite(request);
      if (outcome) return outcome;
    }
    return this.dataSource.transaction((tx) => this.respondInTx(tx, request));
  }

  async respondInTx(tx: EntityManager, request: RsvpRequest): Promise<RsvpOutcome> {
    // The event row first (it serialises every seat decision for the event), then this person's RSVP
    // row and the seats taken, in one round trip; what the caller may see depends on that RSVP.
    const decision = await this.decide(
      tx,
      request,
      await this.lockForAnswer(tx, request.eventId, request.userId),
    );
    if (decision.unchanged) return decision.unchanged;
    const { write, context, notice } = decision;
    const rsvp = notice
      ? await this.writeAndNotify(tx, context.event, write, notice)
      : await this.repository.writeRsvp(tx, write);
    if (decision.cocAcceptedBy) {
      const { membershipId, at } = decision.cocAcceptedBy;
      await this.memberships.recordCodeOfConductAccepted(tx, membershipId, at);
    }
    if (decision.promote) await this.waitlist.promote(tx, context.event, request.source);
    this.metrics.rsvpChanges.inc({ source: request.source, status: write.status });
    return { rsvp, previous: write.history.from, changed: true };
  }

  /** respond's first try: null when the answer has to be decided again under the lock. */
  private async respondInOneWrite(request: RsvpRequest): Promise<RsvpOutcome | null> {
    const read = await this.repository.readForAnswer(request.eventId, request.userId);
    const decision = await this.decide(this.dataSource.manager, request, read);
    if (decision.unchanged) return decision.unchanged;
    if (!read || decision.promote || decision.cocAcceptedBy) {
      this.metrics.rsvpDecidedAgain.inc({ reason: 'more' });
      return null;
    }
    const { write, context, notice } = decision;
    await this.testHooks.afterRead?.();
    const guard = {
      state: read.state,
      taken: decision.taken,
      deadline: answerCloses(context.event, request),
    };
    const params = notice && this.invitations.noticeParams(context.event, write.userId, notice, write.status);
    const written = await this.guardedWrites.write(write, guard, params);
    if (!written) {
      this.metrics.rsvpDecidedAgain.inc({ reason: 'changed' });
      return null;
    }
    if (notice && written.noticeQueued) this.metrics.mailQueued.inc({ kind: notice });
    this.metrics.rsvpChanges.inc({ source: request.source, status: write.status });
    return { rsvp: written.rsvp, previous: write.history.from, changed: true };
  }

  /**
   * What an answer does, given the event context, the caller's RSVP and the seats taken as read
   * (under the lock, or for respondInOneWrite before it): every rule of every channel is checked here.
   */
  private async decide(
    tx: EntityManager,
    request: RsvpRequest,
    answer: LockedAnswer | null,
  ): Promise<Decision> {
    const existing = answer?.rsvp ?? null;
    const locked = answer && this.contexts.lockedFromRow(tx, answer.context, request.userId);
    const context = requireAccess(locked && withView(locked, existing?.status ?? null), request.userId);
    const { taken, waiting } = answer ?? { taken: null, waiting: false }; // requireAccess threw without it
    const { event } = context;
    const byOrganizer = request.source === 'organizer';
    this.checkOpen(context, request.answer, byOrganizer);

    const mode = modeFor(event, request.mode);
    if (mode === 'missing') throw rsvpError('MODE_REQUIRED', 'Choose in person or online for a hybrid event');
    if (mode === 'mismatch') throw rsvpError('MODE_REQUIRED', `This event has only one mode`);
    const guests = request.answer === 'declined' ? 0 : (request.guests ?? existing?.guests ?? 0);
    if (guests > event.guestsAllowed) {
      throw rsvpError('TOO_MANY_GUESTS', `This event allows up to ${event.guestsAllowed} guests`, {
        guestsAllowed: event.guestsAllowed,
      });
    }
    const answers = { ...(existing?.answers ?? {}), ...(request.answers ?? {}) };
    let cocAcknowledgedAt = existing?.cocAcknowledgedAt ?? context.group.membership?.cocAcceptedAt ?? null;
    if (request.answer !== 'declined' && !byOrganizer) {
      this.checkAnswers(context, answers);
      if (request.cocAcknowledged) cocAcknowledgedAt ??= this.clock.now();
      if (event.cocRequired && !cocAcknowledgedAt) {
        throw rsvpError('COC_ACK_REQUIRED', 'Please read and accept the code of conduct first', {
          codeOfConduct: context.group.group.codeOfConduct,
        });
      }
    }

    const placed = await this.placeStatus(tx, context, request, existing, mode, guests, taken);
    const status = placed.status;
    const unchanged =
      existing !== null &&
      existing.status === status &&
      existing.guests === guests &&
      existing.mode === mode &&
      JSON.stringify(existing.answers) === JSON.stringify(answers);
    if (unchanged) return { unchanged: { rsvp: existing, previous: existing.status, changed: false } };

    const write: RsvpWrite = {
      eventId: event.id,
      userId: request.userId,
      status,
      mode,
      guests,
      answers,
      cocAcknowledgedAt,
      source: request.source,
      // The place in line is kept only in the same mode's line (a hybrid event has one per mode).
      keepWaitlistSeq:
        existing?.status === 'waitlisted' && existing.mode === mode ? existing.waitlistSeq : null,
      history: { from: existing?.status ?? null, actorId: request.actorId ?? null, note: request.note },
    };
    const membership = context.group.membership;
    const previous = existing?.status ?? null;
    // Nobody waited when the event was read (and only this person can have joined since): no promotion.
    const mayPromote = waiting || status === 'waitlisted';
    return {
      context,
      write,
      // The notice the change causes (none for a decline or no change of status) goes in the same statement.
      notice: status !== previous ? NOTICE[status] : undefined,
      cocAcceptedBy:
        request.cocAcknowledged && cocAcknowledgedAt && membership && !membership.cocAcceptedAt
          ? { membershipId: membership.id, at: cocAcknowledgedAt }
          : null,
      // Seats freed: no longer going, fewer guests, or (hybrid) gone to the other mode's seats.
      promote:
        previous === 'going' &&
        mayPromote &&
        (status !== 'going' || guests < (existing?.guests ?? 0) || mode !== existing?.mode),
      taken: placed.taken,
    };
  }

  /** Writes the RSVP and queues the notice about it, in one statement. */
  private async writeAndNotify(
    tx: EntityManager,
    event: EventEntity,
    write: RsvpWrite,
    kind: InvitationMailKind,
  ): Promise<RsvpEntity> {
    const notice = this.invitations.noticeParams(event, write.userId, kind, write.status);
    const { rsvp, noticeQueued } = await this.repository.writeRsvpAndNotify(tx, write, notice);
    if (noticeQueued) this.metrics.mailQueued.inc({ kind });
    return rsvp;
  }

  /**
   * Where an answer puts the person: a "going" may become waitlisted or pending, or be refused as
   * full. With it, the seats taken between which that holds, when it depended on them.
   */
  private async placeStatus(
    tx: EntityManager,
    context: EventContext,
    request: RsvpRequest,
    existing: RsvpEntity | null,
    mode: RsvpMode,
    guests: number,
    taken: LockedAnswer['taken'],
  ): Promise<{ status: RsvpStatus; taken: TakenRange | null }> {
    const { event } = context;
    const byOrganizer = request.source === 'organizer';
    if (request.answer !== 'going') return { status: request.answer, taken: null };
    const modeChanged = existing !== null && existing.mode !== mode;
    const capacity = capacityFor(event, mode);
    const key = event.kind === 'hybrid' ? mode : 'all';
    const left =
      capacity === null
        ? null
        : taken === null
          ? await this.repository.seatsLeft(tx, event, mode)
          : capacity - taken[key];
    // Seats already held by this person count as free for their own change.
    const own = existing?.status === 'going' && !modeChanged ? 1 + existing.guests : 0;
    const needed = 1 + guests;
    const placed = placeGoing({
      // A seat held, or a place in line, belongs to its mode: moving to the other mode asks afresh.
      current:
        modeChanged && (existing?.status === 'going' || existing?.status === 'waitlisted')
          ? null
          : (existing?.status ?? null),
      approvalRequired: event.approvalRequired,
      byOrganizer,
      seatsNeeded: needed,
      seatsLeft: left === null ? null : left + own,
      waitlistEnabled: event.waitlistEnabled,
    });
    if (placed === 'full')
      throw rsvpError('EVENT_FULL', 'This event is full', { waitlist: event.waitlistEnabled });
    if (capacity === null || taken === null) return { status: placed, taken: null };
    // placeGoing asks the seats only whether they fit: the answer holds while that does not change.
    const most = capacity + own - needed;
    const fits = taken[key] <= most;
    return {
      status: placed,
      taken: fits ? { key, min: null, max: most } : { key, min: most + 1, max: null },
    };
  }

  /**
   * The events this person has answered, whatever the answer (for erasing their account: a waitlisted
   * or pending answer can still become a seat until the account is gone).
   */
  answeredEventIds(tx: EntityManager, userId: string): Promise<string[]> {
    return this.repository.answeredEventIds(tx, userId);
  }

  /**
   * Deletes the person's RSVP and moves the waitlist, under the event lock the caller holds, whatever
   * rule would stop them answering now (erasing an account gives every seat back).
   */
  async releaseSeat(tx: EntityManager, event: EventEntity, userId: string): Promise<void> {
    // Only a seat given back can move the waitlist (erasure deletes every answer, most of them not one).
    if ((await this.repository.delete(tx, event.id, userId)) === 'going') {
      await this.waitlist.promote(tx, event, 'web');
    }
  }

  /** The event locked for a change, with what the caller (an organizer, say) may see of it. */
  async lockEvent(tx: EntityManager, eventId: string, userId: string | null): Promise<EventContext> {
    return this.contexts.require(eventId, userId, 'view', tx, await this.guarded(tx));
  }

  /**
   * The event row lock that serialises every seat decision for this event, with the caller's RSVP
   * (locked too) and the seats taken, read once the lock is granted.
   */
  private async lockForAnswer(
    tx: EntityManager,
    eventId: string,
    userId: string,
  ): Promise<LockedAnswer | null> {
    return this.repository.lockForAnswer(tx, eventId, userId, await this.guarded(tx));
  }

  /** False only in the negative-control test, which switches the lock and the database guard off. */
  private async guarded(tx: EntityManager): Promise<boolean> {
    if (!this.testHooks.capacityGuardsOff) return true;
    await this.repository.capacityGuardOff(tx);
    return false;
  }

  private checkOpen(context: EventContext, answer: Answer, byOrganizer: boolean): void {
    const { event, group } = context;
    if (event.status !== 'scheduled') throw rsvpError('EVENT_NOT_OPEN', 'This event is not open for RSVPs');
    if (byOrganizer) return;
    if (group.membership?.status === 'banned')
      throw rsvpError('MEMBERSHIP_REQUIRED', 'You cannot RSVP to events of this group');
    // A private group's events are for its members, and for the people invited to that event.
    if (group.group.visibility === 'private' && !group.access.isMember && !context.invited) {
      throw rsvpError('MEMBERSHIP_REQUIRED', 'Join the group to RSVP to its events');
    }
    const now = this.clock.now().getTime();
    if (now >= event.endsAt.getTime()) throw rsvpError('RSVP_CLOSED', 'This event has ended');
    if (answer === 'declined') return;
    if (event.rsvpOpensAt && now < event.rsvpOpensAt.getTime()) {
      throw rsvpError('RSVP_NOT_OPEN', 'RSVPs have not opened yet', {
        opensAt: event.rsvpOpensAt.toISOString(),
      });
    }
    if (event.rsvpClosesAt && now >= event.rsvpClosesAt.getTime())
      throw rsvpError('RSVP_CLOSED', 'RSVPs have closed');
  }

  private checkAnswers(context: EventContext, answers: Record<string, string>): void {
    const known = new Set(context.event.questions.map((q) => q.id));
    const unknown = Object.keys(answers).filter((id) => !known.has(id));
    if (unknown.length > 0) throw rsvpError('ANSWERS_REQUIRED', 'Unknown questions answered', { unknown });
    const missing = context.event.questions
      .filter((q) => q.required && !(answers[q.id] ?? '').trim())
      .map((q) => q.id);
    if (missing.length > 0)
      throw rsvpError('ANSWERS_REQUIRED', 'Please answer the required questions', { missing });
  }
}

/**
 * When this answer stops being taken (checkOpen): the event's end, and for anything but a decline
 * the RSVP deadline if earlier; never for an organizer's answer. The one-write guard checks it again
 * once it holds the event lock, which may have been waited for.
 */
function answerCloses(
  event: { endsAt: Date; rsvpClosesAt: Date | null },
  request: Pick<RsvpRequest, 'answer' | 'source'>,
): Date | null {
  if (request.source === 'organizer') return null;
  const closes = request.answer === 'declined' ? null : event.rsvpClosesAt;
  return closes && closes.getTime() < event.endsAt.getTime() ? closes : event.endsAt;
}
