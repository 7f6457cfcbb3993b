import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { clampLimit, decodeCursor, DomainError, Page, RsvpAnswer, toPage } from '@app/core';
import { RsvpRequest, RsvpService, RsvpStatus } from '@app/rsvp';
import { inboundError } from './inbound.errors';
import { InboundRepository, InboundRow } from './inbound.repository';
import { ANSWER_FOR_PARTSTAT, InboundOutcome } from './inbound.types';

export interface InboundViewer {
  userId: string;
  /** The instance owner sees the whole log; everyone else only what concerns events they organize. */
  isInstanceOwner: boolean;
}

/** What applying a logged answer would change, worked out by the RSVP service and rolled back. */
export interface ApplyPreview {
  messageId: string;
  person: { userId: string; displayName: string | null; email: string | null };
  event: { id: string; title: string | null };
  answer: RsvpAnswer;
  /** The person's RSVP status now (null: none yet). */
  from: RsvpStatus | null;
  /** Their status after applying (the RSVP rules may waitlist or hold for approval); null when refused. */
  to: RsvpStatus | null;
  changed: boolean;
  /** Why the RSVP service would refuse it, when it would. */
  refusal: { code: string; message: string } | null;
}

export interface InboundLogQuery {
  /** A Message-ID, with or without its angle brackets. */
  messageId?: string;
  outcome?: InboundOutcome;
  reason?: string;
  eventId?: string;
  cursor?: string;
  limit?: number;
}

/**
 * What organizers do with the inbound log: read it (their groups' events; the instance owner reads
 * everything), and decide quarantined or ignored replies. Applying runs the recorded answer through
 * the RSVP service for the invited person with source `calendar` and the organizer as actor, after a
 * preview of what it changes; nothing is applied without that decision.
 */
@Injectable()
export class InboundAdminService {
  constructor(
    @Inject(InboundRepository) private readonly inboundRepository: InboundRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RsvpService) private readonly rsvps: RsvpService,
  ) {}

  list(viewer: InboundViewer, q: InboundLogQuery): Promise<Page<InboundRow>> {
    return this.page(viewer, q, false);
  }

  /** Quarantined replies nobody has decided yet, newest first. */
  quarantine(viewer: InboundViewer, q: Omit<InboundLogQuery, 'outcome'>): Promise<Page<InboundRow>> {
    return this.page(viewer, q, true);
  }

  async get(viewer: InboundViewer, id: string): Promise<InboundRow> {
    const row = await this.inboundRepository.get(this.dataSource, id);
    if (!row || !(await this.canSee(viewer, row)))
      throw inboundError('INBOUND_MESSAGE_NOT_FOUND', 'Inbound message not found');
    return row;
  }

  /** Comments, delegations and proposals from verified replies, for organizers. */
  async notes(viewer: InboundViewer, eventId: string | undefined, limit?: number): Promise<InboundRow[]> {
    return this.inboundRepository.notes(
      this.dataSource,
      viewer.isInstanceOwner ? null : viewer.userId,
      eventId ?? null,
      clampLimit(limit),
    );
  }

  /**
   * What applying would do, for the organizer's confirmation: the same RSVP service call as apply(),
   * in a transaction that is always rolled back (nothing is written, no mail is queued).
   */
  async preview(viewer: InboundViewer, id: string): Promise<ApplyPreview> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const tx = runner.manager;
      const row = await this.decidable(tx, viewer, id, true);
      const request = this.requestFor(row, viewer);
      const target = await this.inboundRepository.answerTarget(tx, request.eventId, request.userId);
      const from = target?.status ?? null;
      const base = {
        messageId: row.id,
        person: { userId: request.userId, displayName: row.user_display_name, email: row.user_email },
        event: { id: request.eventId, title: target?.title ?? null },
        answer: request.answer,
        from,
      };
      try {
        const outcome = await this.rsvps.respondInTx(tx, request);
        return { ...base, to: outcome.rsvp.status, changed: outcome.changed, refusal: null };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const refusal = error as DomainError;
        return {
          ...base,
          to: null,
          changed: false,
          refusal: { code: refusal.code, message: refusal.message },
        };
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** Applies a quarantined or ignored answer to the person it names, recorded with who decided. */
  async apply(viewer: InboundViewer, id: string): Promise<InboundRow> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.decidable(tx, viewer, id, true);
      const outcome = await this.rsvps.respondInTx(tx, this.requestFor(row, viewer));
      await this.inboundRepository.resolve(tx, id, viewer.userId, 'applied', {
        rsvp: { status: outcome.rsvp.status, previous: outcome.previous, changed: outcome.changed },
      });
    });
    return this.get(viewer, id);
  }

  /**
   * The RSVP call a logged answer stands for: the invited person, the event it answers (the other
   * occurrence its RECURRENCE-ID named, when the person was not invited to it), source `calendar`.
   */
  private requestFor(
    row: InboundRow,
    viewer: InboundViewer,
  ): RsvpRequest & { answer: ApplyPreview['answer'] } {
    const intent = row.details.intent as { kind?: string; partstat?: string } | undefined;
    const partstat = intent?.kind === 'rsvp' ? intent.partstat : undefined;
    if (
      !row.event_id ||
      !row.user_id ||
      !row.invitation_id ||
      !partstat ||
      !(partstat in ANSWER_FOR_PARTSTAT)
    )
      throw inboundError(
        'INBOUND_NOT_APPLICABLE',
        'This message has no answer that can be applied to one invited person',
      );
    const occurrence = row.details.occurrenceEventId;
    return {
      eventId: typeof occurrence === 'string' ? occurrence : row.event_id,
      userId: row.user_id,
      answer: ANSWER_FOR_PARTSTAT[partstat as keyof typeof ANSWER_FOR_PARTSTAT],
      source: 'calendar',
      actorId: viewer.userId,
      note: `Calendar reply applied by an organizer (${row.outcome}: ${row.reason ?? 'no reason'})`,
    };
  }

  async dismiss(viewer: InboundViewer, id: string): Promise<InboundRow> {
    await this.dataSource.transaction(async (tx) => {
      await this.decidable(tx, viewer, id, false);
      await this.inboundRepository.resolve(tx, id, viewer.userId, 'dismissed', {});
    });
    return this.get(viewer, id);
  }

  private async page(
    viewer: InboundViewer,
    q: InboundLogQuery,
    quarantine: boolean,
  ): Promise<Page<InboundRow>> {
    const limit = clampLimit(q.limit);
    const rows = await this.inboundRepository.list(this.dataSource, {
      organizerId: viewer.isInstanceOwner ? null : viewer.userId,
      outcome: quarantine ? 'quarantined' : q.outcome,
      reason: q.reason,
      eventId: q.eventId,
      // The log keeps Message-IDs without brackets; people paste them from headers with.
      messageId: q.messageId?.trim().replace(/^<(.*)>$/, '$1'),
      unresolvedQuarantine: quarantine,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => ({ at: r.cursor_at, id: r.id }),
      (r) => r,
    );
  }

  private async canSee(viewer: InboundViewer, row: InboundRow): Promise<boolean> {
    if (viewer.isInstanceOwner) return true;
    return (
      row.event_id !== null && this.inboundRepository.organizes(this.dataSource, viewer.userId, row.event_id)
    );
  }

  /**
   * Locks the row and checks it can be decided by this person: organizers of the event's group decide;
   * the instance owner may only dismiss what belongs to no event (unknown or ambiguous addresses).
   */
  private async decidable(
    tx: EntityManager,
    viewer: InboundViewer,
    id: string,
    applying: boolean,
  ): Promise<InboundRow> {
    const row = await this.inboundRepository.lockForDecision(tx, id);
    if (!row) throw inboundError('INBOUND_MESSAGE_NOT_FOUND', 'Inbound message not found');
    const organizes =
      row.event_id !== null && (await this.inboundRepository.organizes(tx, viewer.userId, row.event_id));
    if (!organizes) {
      if (!viewer.isInstanceOwner)
        throw inboundError('INBOUND_MESSAGE_NOT_FOUND', 'Inbound message not found');
      if (applying || row.event_id !== null)
        throw new DomainError('FORBIDDEN', 'Only organizers of the event can decide this reply');
    }
    // Ignored answers (a stale SEQUENCE, a refusal of the RSVP service) may be applied too: the
    // organizer confirms what they answer. Only quarantine is dismissed.
    const decidableOutcome = row.outcome === 'quarantined' || (applying && row.outcome === 'ignored');
    if (!decidableOutcome)
      throw inboundError(
        'INBOUND_NOT_QUARANTINED',
        'Only quarantined or ignored replies can be applied, and only quarantined ones dismissed',
      );
    if (row.resolved_at !== null)
      throw inboundError('INBOUND_ALREADY_RESOLVED', 'This reply has already been decided', {
        resolution: row.resolution,
      });
    return row;
  }
}
