/*
 * bench/outbox/render.ts — the per-message rendering cost of an invitation: the mail in the
 * recipient's language and zone (renderInvitationMail) and the iMIP REQUEST (invitationCalendarPart),
 * what InvitationsService.compose() calls for each recipient; then the transports' MIME cost alone: the
 * outbox row written as the message the SMTP relay gets (MimeWriter), and the same row through
 * nodemailer's composer for comparison. Prints messages per second and µs per message, in-process,
 * no database:
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/outbox/render.ts
 * (RENDER_MESSAGES, default 20,000; RENDER_PROFILE=1 prints where the time went).
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ITIP_METHOD, invitationCalendarPart } from '@app/calendar';
import { MimeSource, MimeWriter } from '@app/mail';
import { listUnsubscribeHeaders, renderInvitationMail } from '@app/notifications';
import { createTransport } from 'nodemailer';
import { num, REPO_ROOT, say, summarizeCpuProfile } from '../support';

const MESSAGES = Number(process.env.RENDER_MESSAGES ?? 20_000);
// Recipients spread over languages and zones as a real group's are.
const LOCALES = ['en-GB', 'en-US', 'ar', 'de-DE', null];
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Riyadh', 'Europe/London', null];

const event = {
  title: 'Networking for everyone',
  description: 'Meet the people of the group, short rounds of five minutes.',
  startsAt: new Date('2027-01-15T17:00:00Z'),
  endsAt: new Date('2027-01-15T18:00:00Z'),
  timezone: 'Europe/Berlin',
  location: null,
  joinUrl: 'https://meet.example.org/fanout',
  status: 'CONFIRMED' as const,
  eventUrl: 'https://hearth.example/events/3f2a9c1e-7f0e-4d7e-9d55-0c1f6f3a2b10',
  topicUrl: 'https://hearth.example/topics/88',
};

/** One recipient's invitation as the outbox row the fan-out queues. */
function renderOne(i: number): MimeSource {
  const locale = LOCALES[i % LOCALES.length];
  const timeZone = ZONES[Math.floor(i / LOCALES.length) % ZONES.length];
  const link = (a: string) => `https://hearth.example/rsvp/tok${i}?answer=${a}`;
  const mail = renderInvitationMail({
    kind: 'invitation',
    locale,
    timeZone,
    recipientName: `Member ${i}`,
    groupName: 'Fan-out group',
    event,
    rsvpLinks: { going: link('going'), maybe: link('maybe'), cantGo: link('declined') },
  });
  const calendar = invitationCalendarPart({
    method: ITIP_METHOD.REQUEST,
    uid: 'evt-3f2a@hearth.example',
    sequence: 0,
    dtstamp: new Date(),
    event,
    organizer: { name: 'Fan-out group', email: `rsvp+r${i}@in.hearth.example` },
    attendee: { name: `Member ${i}`, email: `member-${i}@bench.example`, partstat: 'NEEDS-ACTION' },
    locale,
  });
  return {
    recipient: `member-${i}@bench.example`,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    headers: {
      'Reply-To': `rsvp+r${i}@in.hearth.example`,
      ...listUnsubscribeHeaders(`https://hearth.example/api/unsubscribe/u${i}`),
    },
    calendar,
    attachments: [],
    messageId: `<m${i}@in.hearth.example>`,
  };
}

const size = (row: MimeSource): number =>
  row.textBody.length + (row.htmlBody?.length ?? 0) + (row.calendar?.content.length ?? 0);

function line(what: string, count: number, seconds: number, extra: string): string {
  return (
    `${what} ${num(count)} invitations${extra} in ${num(seconds, 2)} s: ${num(count / seconds)} messages/s, ` +
    `${num((seconds * 1e6) / count)} µs per message`
  );
}

/** The MIME cost alone over pre-rendered rows: MimeWriter, then nodemailer's composer (as before). */
async function measureMime(): Promise<void> {
  const rows = Array.from({ length: Math.min(MESSAGES, 5000) }, (_, i) => renderOne(i));
  const writer = new MimeWriter('Hearth <no-reply@hearth.example>');
  for (let i = 0; i < 500; i++) writer.write(rows[i % rows.length]); // warm-up
  let bytes = 0;
  let t0 = performance.now();
  for (let i = 0; i < MESSAGES; i++) bytes += writer.write(rows[i % rows.length]).raw.length;
  say(
    line(
      'MimeWriter wrote',
      MESSAGES,
      (performance.now() - t0) / 1000,
      ` (${num(bytes / MESSAGES)} bytes each)`,
    ),
  );
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const compose = (row: MimeSource) =>
    composer.sendMail({
      from: 'Hearth <no-reply@hearth.example>',
      to: row.recipient,
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody ?? undefined,
      messageId: row.messageId,
      headers: row.headers,
      icalEvent: row.calendar ?? undefined,
    });
  const count = Math.min(MESSAGES, 5000);
  for (let i = 0; i < 200; i++) await compose(rows[i % rows.length]); // warm-up
  t0 = performance.now();
  for (let i = 0; i < count; i++) await compose(rows[i % rows.length]);
  say(line('nodemailer composed', count, (performance.now() - t0) / 1000, ' (for comparison)'));
}

async function main(): Promise<void> {
  for (let i = 0; i < 500; i++) renderOne(i); // warm-up
  const session = process.env.RENDER_PROFILE ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const rss0 = process.memoryUsage().rss;
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < MESSAGES; i++) bytes += size(renderOne(i));
  const seconds = (performance.now() - t0) / 1000;
  say(
    `rendered ${num(MESSAGES)} invitations (${num(bytes / MESSAGES)} chars each) in ${num(seconds, 2)} s: ` +
      `${num(MESSAGES / seconds)} messages/s, ${num((seconds * 1e6) / MESSAGES)} µs per message, ` +
      `RSS ${num(rss0 / 2 ** 20)} -> ${num(process.memoryUsage().rss / 2 ** 20)} MiB`,
  );
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    const file = join(mkdtempSync(join(tmpdir(), 'hearth-render-')), 'render.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    say(summarizeCpuProfile(file, REPO_ROOT, 30));
  }
  await measureMime();
}

void main();
