import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { clampLimit, decodeCursor, DomainError, Page, toPage } from '@app/core';
import { RsvpService } from '@app/rsvp';
import { inboundError } from './inbound.errors';
import { InboundRepository, InboundRow } from './inbound.repository';
import { ANSWER_FOR_PARTSTAT, InboundOutcome } from './inbound.types';

export interface InboundViewer {
  userId: string;
  /** The instance owner sees the whole log; everyone else only what concerns events they organize. */
  isInstanceOwner: boolean;
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
 * everything), and decide quarantined replies. Applying runs the recorded answer through the RSVP
 * service for the invited person with source `calendar` and the organizer as actor; nothing is
 * applied without that decision.
 */
@Injectable()
export class InboundAdminService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
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
    const row = await InboundRepository.get(this.dataSource, id);
    if (!row || !(await this.canSee(viewer, row)))
      throw inboundError('INBOUND_MESSAGE_NOT_FOUND', 'Inbound message not found');
    return row;
  }

  /** Comments, delegations and proposals from verified replies, for organizers. */
  async notes(viewer: InboundViewer, eventId: string | undefined, limit?: number): Promise<InboundRow[]> {
    return InboundRepository.notes(
      this.dataSource,
      viewer.isInstanceOwner ? null : viewer.userId,
      eventId ?? null,
      clampLimit(limit),
    );
  }

  async apply(viewer: InboundViewer, id: string): Promise<InboundRow> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.decidable(tx, viewer, id, true);
      const intent = row.details.intent as { kind?: string; partstat?: string } | undefined;
      const partstat = intent?.kind === 'rsvp' ? intent.partstat : undefined;
      if (!row.event_id || !row.user_id || !partstat || !(partstat in ANSWER_FOR_PARTSTAT))
        throw inboundError(
          'INBOUND_NOT_APPLICABLE',
          'This message has no answer that can be applied to one invited person',
        );
      const outcome = await this.rsvps.respondInTx(tx, {
        eventId: row.event_id,
        userId: row.user_id,
        answer: ANSWER_FOR_PARTSTAT[partstat as keyof typeof ANSWER_FOR_PARTSTAT],
        source: 'calendar',
        actorId: viewer.userId,
        note: `Calendar reply applied from quarantine (${row.reason ?? 'no reason'})`,
      });
      await InboundRepository.resolve(tx, id, viewer.userId, 'applied', {
        rsvp: { status: outcome.rsvp.status, previous: outcome.previous, changed: outcome.changed },
      });
    });
    return this.get(viewer, id);
  }

  async dismiss(viewer: InboundViewer, id: string): Promise<InboundRow> {
    await this.dataSource.transaction(async (tx) => {
      await this.decidable(tx, viewer, id, false);
      await InboundRepository.resolve(tx, id, viewer.userId, 'dismissed', {});
    });
    return this.get(viewer, id);
  }

  private async page(
    viewer: InboundViewer,
    q: InboundLogQuery,
    quarantine: boolean,
  ): Promise<Page<InboundRow>> {
    const limit = clampLimit(q.limit);
    const rows = await InboundRepository.list(this.dataSource, {
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
    return row.event_id !== null && InboundRepository.organizes(this.dataSource, viewer.userId, row.event_id);
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
    const row = await InboundRepository.lockForDecision(tx, id);
    if (!row) throw inboundError('INBOUND_MESSAGE_NOT_FOUND', 'Inbound message not found');
    const organizes =
      row.event_id !== null && (await InboundRepository.organizes(tx, viewer.userId, row.event_id));
    if (!organizes) {
      if (!viewer.isInstanceOwner)
        throw inboundError('INBOUND_MESSAGE_NOT_FOUND', 'Inbound message not found');
      if (applying || row.event_id !== null)
        throw new DomainError('FORBIDDEN', 'Only organizers of the event can decide this reply');
    }
    if (row.outcome !== 'quarantined')
      throw inboundError('INBOUND_NOT_QUARANTINED', 'Only quarantined replies can be applied or dismissed');
    if (row.resolved_at !== null)
      throw inboundError('INBOUND_ALREADY_RESOLVED', 'This reply has already been decided', {
        resolution: row.resolution,
      });
    return row;
  }
}
