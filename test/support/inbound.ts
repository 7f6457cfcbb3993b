import { createConnection } from 'node:net';
import { createTransport, Transporter } from 'nodemailer';
import { replyAddress } from '@app/calendar';
import { EventEntity, InvitationsService } from '../../libs/events/src';
import { InboundSmtpListener } from '@app/runtime';
import { TEST_SECRET, TestApp } from './app';
import { settleFanout } from './fanout';
import { buildReplyMessage, calendarBytes, MessageParams, replyCalendarLines } from './malformed-mail';
import { Person, hoursAfter, inDays } from './fixtures';

/** The port the app's inbound SMTP listener bound (tests run it on port 0). */
export function inboundPort(t: TestApp): number {
  const port = t.server.app.get(InboundSmtpListener).port;
  if (!port) throw new Error('the inbound SMTP listener is not running');
  return port;
}

/** A pooled SMTP client to the listener; `send` resolves with the server's answer or its refusal code. */
export function smtpClient(port: number, maxConnections = 5): SmtpClient {
  return new SmtpClient(
    createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections,
      maxMessages: Infinity,
      socketTimeout: 60_000,
    }),
  );
}

export class SmtpClient {
  constructor(private readonly transport: Transporter) {}

  async send(
    raw: Buffer,
    to: string | string[],
    from = 'member@example.org',
  ): Promise<{ ok: true; response: string } | { ok: false; code: number; response: string }> {
    try {
      const info = await this.transport.sendMail({
        envelope: { from, to: Array.isArray(to) ? to : [to] },
        raw,
      });
      return { ok: true, response: String(info.response) };
    } catch (error) {
      const e = error as { responseCode?: number; response?: string; message?: string };
      return { ok: false, code: e.responseCode ?? 0, response: e.response ?? e.message ?? '' };
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** Talks raw SMTP: sends each line and collects the replies (for garbage and protocol tests). */
export function rawSmtpSession(port: number, lines: string[], timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let out = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, timeoutMs);
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.once('data', () => {
      socket.write(lines.join('\r\n') + '\r\n');
    });
  });
}

export interface EventFields {
  kind?: string;
  title?: string;
  capacity?: number;
  waitlist?: boolean;
  approvalRequired?: boolean;
  cocRequired?: boolean;
  [key: string]: unknown;
}

/** An event in the group, created through the API by its organizer. */
export async function createEvent(
  t: TestApp,
  slug: string,
  organizer: Person,
  fields: EventFields = {},
): Promise<string> {
  const startsAt = inDays(10);
  const res = await t
    .http()
    .post(`/api/groups/${slug}/events`)
    .set('Cookie', organizer.cookie)
    .send({
      kind: 'in_person',
      title: 'Peer support evening',
      startsAt,
      endsAt: hoursAfter(startsAt, 2),
      timezone: 'Europe/Berlin',
      venueName: 'Community room',
      venueAddress: 'Hidden Lane 7, Berlin',
      locationVisibility: 'attendees',
      ...fields,
    });
  if (res.status !== 201) throw new Error(`event not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/**
 * Invites people the way a series does (InvitationsService.invite, whose fan-out job sends the
 * invitation), and waits for the job.
 */
export async function invite(t: TestApp, eventId: string, userIds: string[]): Promise<void> {
  const invitations = t.server.app.get(InvitationsService);
  await t.dataSource.transaction(async (tx) => {
    const event = await tx.findOneByOrFail(EventEntity, { id: eventId });
    await invitations.invite(tx, event, { userIds }, null);
  });
  await settleFanout(t);
}

export interface InvitationInfo {
  id: string;
  address: string;
  uid: string;
  sequence: number;
}

export async function invitationOf(t: TestApp, eventId: string, userId: string): Promise<InvitationInfo> {
  const [row] = await t.dataSource.query(
    `SELECT i.id, coalesce(i.last_sequence_sent, 0) AS sequence, e.calendar_uid
       FROM invitations i JOIN events e ON e.id = i.event_id WHERE i.event_id = $1 AND i.user_id = $2`,
    [eventId, userId],
  );
  if (!row) throw new Error('no invitation');
  return {
    id: row.id,
    address: replyAddress(row.id, TEST_SECRET, t.env.INBOUND_DOMAIN),
    uid: row.calendar_uid,
    sequence: Number(row.sequence),
  };
}

export interface ReplyOptions extends Partial<Omit<MessageParams, 'calendar'>> {
  partstat?: string;
  attendee: string;
  uid: string;
  organizer: string;
  sequence?: number;
  method?: string;
  /** Extra calendar lines inserted into the VEVENT (before ORGANIZER). */
  eventLines?: string[];
  /** Lines that replace the builder's DTSTART and DTEND (2026-01-10 18:00–20:00Z). */
  times?: string[];
}

/** A REPLY e-mail as a calendar client would write it (test/support/malformed-mail's builder). */
export function reply(o: ReplyOptions): Buffer {
  const lines = replyCalendarLines({
    organizer: o.organizer,
    attendee: o.attendee,
    uid: o.uid,
    partstat: o.partstat ?? 'ACCEPTED',
    sequence: o.sequence ?? 0,
    method: o.method ?? 'REPLY',
  });
  if (o.eventLines) lines.splice(lines.indexOf('DTSTAMP:20260101T120000Z'), 0, ...o.eventLines);
  if (o.times) lines.splice(lines.indexOf('DTSTART:20260110T180000Z'), 2, ...o.times);
  return buildReplyMessage({
    from: o.from ?? o.attendee,
    to: o.to ?? o.organizer,
    subject: o.subject ?? 'Accepted: Peer support evening',
    messageId: o.messageId ?? `${Math.random().toString(36).slice(2)}.${Date.now()}@client.example`,
    shape: o.shape,
    headers: o.headers,
    extraHeaders: o.extraHeaders,
    mimeMethod: o.mimeMethod,
    calendar: calendarBytes(lines),
  });
}

export async function rsvpOf(
  t: TestApp,
  eventId: string,
  userId: string,
): Promise<{ status: string; source: string } | null> {
  const [row] = await t.dataSource.query(
    `SELECT status, source FROM rsvps WHERE event_id = $1 AND user_id = $2`,
    [eventId, userId],
  );
  return row ?? null;
}

export async function inboundRows(
  t: TestApp,
  where = 'true',
  params: unknown[] = [],
): Promise<
  Array<{
    id: string;
    message_id: string;
    outcome: string;
    reason: string | null;
    user_id: string | null;
    event_id: string | null;
    comment: string | null;
    details: Record<string, unknown>;
  }>
> {
  return t.dataSource.query(`SELECT * FROM inbound_messages WHERE ${where} ORDER BY received_at, id`, params);
}
