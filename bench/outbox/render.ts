/*
 * bench/outbox/render.ts — the per-message rendering cost of an invitation: the mail in the
 * recipient's language and zone (renderInvitationMail) and the iMIP REQUEST (invitationCalendarPart),
 * what InvitationsService.compose() calls for each recipient. Prints messages rendered per second and
 * µs per message, in-process, no database:
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/outbox/render.ts
 * (RENDER_MESSAGES, default 20,000; RENDER_PROFILE=1 prints where the time went).
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ITIP_METHOD, invitationCalendarPart } from '@app/calendar';
import { renderInvitationMail } from '@app/notifications';
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

function renderOne(i: number): number {
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
  return mail.text.length + (mail.html?.length ?? 0) + calendar.content.length;
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
  for (let i = 0; i < MESSAGES; i++) bytes += renderOne(i);
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
}

void main();
