import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { execute, queryRows } from '@app/core';
import type { RsvpStatus } from '@app/rsvp';
import { InvitationFacts, OccurrenceFacts } from './decide-reply';
import { InboundChannel, InboundOutcome, InboundReason } from './inbound.types';

type Db = DataSource | EntityManager;

export interface NewInboundMessage {
  messageId: string;
  channel: InboundChannel;
  envelopeFrom: string | null;
  envelopeTo: string[];
  fromAddress: string | null;
  raw: Buffer | null;
  size: number;
  outcome: InboundOutcome;
  reason: InboundReason | null;
  eventId: string | null;
  invitationId: string | null;
  userId: string | null;
  partstat: string | null;
  comment: string | null;
  details: Record<string, unknown>;
}

export interface KnownMessage {
  id: string;
  outcome: InboundOutcome;
  reason: InboundReason | null;
}

export interface InboundRow {
  id: string;
  message_id: string;
  channel: InboundChannel;
  envelope_from: string | null;
  envelope_to: string[];
  from_address: string | null;
  received_at: Date;
  size: number;
  outcome: InboundOutcome;
  reason: InboundReason | null;
  event_id: string | null;
  event_title: string | null;
  invitation_id: string | null;
  user_id: string | null;
  user_display_name: string | null;
  user_email: string | null;
  partstat: string | null;
  comment: string | null;
  details: Record<string, unknown>;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: 'applied' | 'dismissed' | null;
  cursor_at: string;
}

export interface InboundListFilter {
  /** null: every row (instance owner); otherwise only rows of events of groups this user organizes. */
  organizerId: string | null;
  outcome?: InboundOutcome;
  reason?: string;
  eventId?: string;
  messageId?: string;
  unresolvedQuarantine?: boolean;
  after?: { at: string; id: string };
  limit: number;
}

const SELECT_ROW = `
  SELECT m.id, m.message_id, m.channel, m.envelope_from, m.envelope_to, m.from_address, m.received_at,
         m.size, m.outcome, m.reason, m.event_id, e.title AS event_title, m.invitation_id, m.user_id,
         u.display_name AS user_display_name, u.email AS user_email, m.partstat, m.comment, m.details,
         m.resolved_at, m.resolved_by, m.resolution,
         to_char(m.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
    FROM inbound_messages m
    LEFT JOIN events e ON e.id = m.event_id
    LEFT JOIN users u ON u.id = m.user_id`;

/** Events of groups the user organizes (active owner or organizer): what their inbound view covers. */
const ORGANIZED_EVENT = `m.event_id IN (
    SELECT ev.id FROM events ev JOIN memberships ms ON ms.group_id = ev.group_id
     WHERE ms.user_id = $1 AND ms.status = 'active' AND ms.role IN ('owner', 'organizer'))`;

type FinishRecipient = Record<'email' | 'locale' | 'title', string>;

/** An organizer a proposal notice goes to, with the event and the member it names. */
export type ProposalRecipient = Record<'user_id' | 'email' | 'locale' | 'title', string> &
  Record<'event_timezone' | 'member_name', string> & { timezone: string | null };

interface FactsRow {
  id: string | null;
  event_id: string;
  user_id: string;
  email: string;
  revoked: boolean;
  last_sequence_sent: number | null;
  content_sequence: number | null;
  calendar_uid: string;
  kind: string;
  mode: 'in_person' | 'online' | null;
  starts_at: Date;
  ends_at: Date;
  series_id: string | null;
}

function toFacts(r: FactsRow & { id: string }): InvitationFacts {
  return {
    id: r.id,
    eventId: r.event_id,
    userId: r.user_id,
    email: r.email,
    revoked: r.revoked,
    lastSequenceSent: r.last_sequence_sent,
    contentSequence: r.content_sequence,
    calendarUid: r.calendar_uid,
    eventKind: r.kind,
    currentMode: r.mode,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    seriesId: r.series_id,
  };
}

/**
 * The inbound_messages table: every statement a named method with its SQL, run on the connection or
 * transaction it is given. Matching a reply to its invitation reads users, events, invitations,
 * memberships and RSVPs in the same statement on purpose (the reply-matching read model, listed in
 * scripts/table-ownership.ts): a calendar reply is judged from one consistent snapshot.
 */
@Injectable()
export class InboundRepository {
  /**
   * The invitations the tokens name, and whether this Message-ID is already in the log, in one round
   * trip (the known row short-cuts a replay before any work).
   */
  async lookup(
    db: Db,
    ids: string[],
    messageId: string,
  ): Promise<{ invitations: InvitationFacts[]; known: KnownMessage | null }> {
    const rows = await queryRows<FactsRow & { known: KnownMessage | null }>(
      db,
      `SELECT k.known, inv.*
         FROM (SELECT (SELECT json_build_object('id', m.id, 'outcome', m.outcome, 'reason', m.reason)
                         FROM inbound_messages m WHERE m.message_id = $2) AS known) k
         LEFT JOIN LATERAL (
           SELECT i.id, i.event_id, i.user_id, u.email, i.revoked_at IS NOT NULL AS revoked,
                  i.last_sequence_sent, i.content_sequence, e.calendar_uid, e.kind, r.mode,
                  e.starts_at, e.ends_at, e.series_id
             FROM invitations i JOIN users u ON u.id = i.user_id JOIN events e ON e.id = i.event_id
             LEFT JOIN rsvps r ON r.event_id = i.event_id AND r.user_id = i.user_id
            WHERE i.id = ANY($1::uuid[])) inv ON true`,
      [ids, messageId],
    );
    const invitations: InvitationFacts[] = [];
    for (const r of rows) {
      if (r.id === null) continue;
      invitations.push(toFacts({ ...r, id: r.id }));
    }
    return { invitations, known: rows[0]?.known ?? null };
  }

  /**
   * Another occurrence of the series starting at `startsAt` (a RECURRENCE-ID), and this person's
   * invitation to it, if any. Null when the series has no other event at that instant.
   */
  async occurrence(
    db: Db,
    seriesId: string,
    exceptEventId: string,
    userId: string,
    startsAt: Date,
  ): Promise<OccurrenceFacts | null> {
    const rows = await queryRows<FactsRow & { occurrence_id: string }>(
      db,
      `SELECT e.id AS occurrence_id, i.id, e.id AS event_id, $3::uuid AS user_id, u.email,
              i.revoked_at IS NOT NULL AS revoked, i.last_sequence_sent, i.content_sequence,
              e.calendar_uid, e.kind, r.mode, e.starts_at, e.ends_at, e.series_id
         FROM events e
         JOIN users u ON u.id = $3
         LEFT JOIN invitations i ON i.event_id = e.id AND i.user_id = $3
         LEFT JOIN rsvps r ON r.event_id = e.id AND r.user_id = $3
        WHERE e.series_id = $1 AND e.id <> $2 AND date_trunc('second', e.starts_at) = $4
        ORDER BY e.id LIMIT 1`,
      [seriesId, exceptEventId, userId, startsAt],
    );
    const [row] = rows;
    if (!row) return null;
    return {
      eventId: row.occurrence_id,
      invitation: row.id === null ? null : toFacts({ ...row, id: row.id }),
    };
  }

  /**
   * Inserts the row; null when its Message-ID is already logged (the unique constraint decides, also
   * between two copies arriving at once). With `strict`, a duplicate raises the unique violation
   * instead, rolling back the caller's transaction and everything it applied.
   */
  async insert(db: Db, m: NewInboundMessage, strict = false): Promise<string | null> {
    const rows = await queryRows<{ id: string }>(
      db,
      `INSERT INTO inbound_messages (message_id, channel, envelope_from, envelope_to, from_address, raw, size,
                                     outcome, reason, event_id, invitation_id, user_id, partstat, comment, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ${strict ? '' : 'ON CONFLICT ON CONSTRAINT "UQ_inbound_messages_message_id" DO NOTHING'}
       RETURNING id`,
      [
        m.messageId,
        m.channel,
        m.envelopeFrom,
        m.envelopeTo,
        m.fromAddress,
        m.raw,
        m.size,
        m.outcome,
        m.reason,
        m.eventId,
        m.invitationId,
        m.userId,
        m.partstat,
        m.comment,
        JSON.stringify(m.details),
      ],
    );
    return rows[0]?.id ?? null;
  }

  async byMessageId(db: Db, messageId: string): Promise<KnownMessage | null> {
    const [row] = await queryRows<KnownMessage>(
      db,
      `SELECT id, outcome, reason FROM inbound_messages WHERE message_id = $1`,
      [messageId],
    );
    return row ?? null;
  }

  async list(db: Db, f: InboundListFilter): Promise<InboundRow[]> {
    const where: string[] = [];
    const params: unknown[] = [f.organizerId];
    where.push(f.organizerId === null ? '$1::uuid IS NULL' : ORGANIZED_EVENT);
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (f.outcome) add((n) => `m.outcome = $${n}`, f.outcome);
    if (f.reason) add((n) => `m.reason = $${n}`, f.reason);
    if (f.eventId) add((n) => `m.event_id = $${n}`, f.eventId);
    if (f.messageId) add((n) => `m.message_id = $${n}`, f.messageId);
    if (f.unresolvedQuarantine) where.push(`m.outcome = 'quarantined' AND m.resolved_at IS NULL`);
    if (f.after) {
      params.push(f.after.at, f.after.id);
      where.push(`(m.received_at, m.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(f.limit + 1);
    return queryRows<InboundRow>(
      db,
      `${SELECT_ROW} WHERE ${where.join(' AND ')} ORDER BY m.received_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async get(db: Db, id: string): Promise<InboundRow | null> {
    const [row] = await queryRows<InboundRow>(db, `${SELECT_ROW} WHERE m.id = $1`, [id]);
    return row ?? null;
  }

  /** The row, locked for a quarantine decision (two organizers deciding at once: one wins). */
  async lockForDecision(tx: EntityManager, id: string): Promise<InboundRow | null> {
    await tx.query(`SELECT 1 FROM inbound_messages WHERE id = $1 FOR UPDATE`, [id]);
    return this.get(tx, id);
  }

  /** Whether the user is an active owner or organizer of the event's group. */
  async organizes(db: Db, userId: string, eventId: string): Promise<boolean> {
    const [row] = await queryRows<{ ok: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM events ev JOIN memberships ms ON ms.group_id = ev.group_id
                       WHERE ev.id = $2 AND ms.user_id = $1 AND ms.status = 'active'
                         AND ms.role IN ('owner', 'organizer')) AS ok`,
      [userId, eventId],
    );
    return row?.ok ?? false;
  }

  async resolve(
    tx: EntityManager,
    id: string,
    by: string,
    resolution: 'applied' | 'dismissed',
    details: Record<string, unknown>,
  ): Promise<void> {
    await tx.query(
      `UPDATE inbound_messages SET resolved_at = now(), resolved_by = $2, resolution = $3,
              details = details || $4::jsonb
        WHERE id = $1`,
      [id, by, resolution, JSON.stringify(details)],
    );
  }

  /** The event an answer would go to, and the person's RSVP status there now (for a preview). */
  async answerTarget(
    db: Db,
    eventId: string,
    userId: string,
  ): Promise<{ title: string; status: RsvpStatus | null } | null> {
    const [row] = await queryRows<{ title: string; status: RsvpStatus | null }>(
      db,
      `SELECT e.title, r.status FROM events e LEFT JOIN rsvps r ON r.event_id = e.id AND r.user_id = $2
        WHERE e.id = $1`,
      [eventId, userId],
    );
    return row ?? null;
  }

  /** Merges facts decided after the row was written (what the member was told, say). */
  async addDetails(db: Db, id: string, details: Record<string, unknown>): Promise<void> {
    await db.query(`UPDATE inbound_messages SET details = details || $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(details),
    ]);
  }

  /** Organizer notes: comments, delegations and proposals from verified answers. */
  async notes(
    db: Db,
    organizerId: string | null,
    eventId: string | null,
    limit: number,
  ): Promise<InboundRow[]> {
    return queryRows<InboundRow>(
      db,
      `${SELECT_ROW}
        WHERE ($1::uuid IS NULL OR ${ORGANIZED_EVENT})
          AND ($2::uuid IS NULL OR m.event_id = $2)
          AND (m.outcome IN ('applied', 'proposal') OR m.resolution = 'applied')
          AND (m.outcome = 'proposal' OR m.comment IS NOT NULL OR m.partstat = 'DELEGATED')
        ORDER BY m.received_at DESC, m.id DESC LIMIT $3`,
      [organizerId, eventId, limit],
    );
  }

  /** Clears stored bodies older than `days`; the log rows stay. */
  clearOldRaw(db: Db, days: number): Promise<number> {
    return execute(
      db,
      `UPDATE inbound_messages SET raw = NULL
        WHERE raw IS NOT NULL AND received_at < now() - make_interval(days => $1)`,
      [days],
    );
  }

  /** Where the "finish your RSVP" mail goes, and the event it names. */
  async finishRsvpRecipient(db: Db, userId: string, eventId: string): Promise<FinishRecipient | null> {
    const [row] = await queryRows<FinishRecipient>(
      db,
      `SELECT u.email, u.locale, e.title FROM users u, events e WHERE u.id = $1 AND e.id = $2`,
      [userId, eventId],
    );
    return row ?? null;
  }

  /**
   * The organizers a member's proposal goes to — none when the member is banned or the invitation
   * already sent a proposal notice in the last hour.
   */
  proposalRecipients(
    db: Db,
    inv: Pick<InvitationFacts, 'id' | 'eventId' | 'userId'>,
  ): Promise<ProposalRecipient[]> {
    return queryRows<ProposalRecipient>(
      db,
      `SELECT u.id AS user_id, u.email, u.locale, u.timezone, e.title, e.timezone AS event_timezone,
              member.display_name AS member_name
         FROM events e
         JOIN memberships m ON m.group_id = e.group_id AND m.status = 'active' AND m.role IN ('organizer', 'owner')
         JOIN users u ON u.id = m.user_id
         JOIN users member ON member.id = $2
        WHERE e.id = $1 AND e.status = 'scheduled'
          -- Not from someone the group banned, and at most one notice an hour per invitation: a
          -- reply token is enough to send proposals, so it must not be enough to flood organizers.
          AND NOT EXISTS (SELECT 1 FROM memberships b
                           WHERE b.group_id = e.group_id AND b.user_id = $2 AND b.status = 'banned')
          AND (SELECT count(*) FROM inbound_messages p
                WHERE p.invitation_id = $3 AND p.outcome = 'proposal'
                  AND p.received_at > now() - interval '1 hour') <= 1
        ORDER BY u.id`,
      [inv.eventId, inv.userId, inv.id],
    );
  }
}
