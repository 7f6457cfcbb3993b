/**
 * Writes one sample of every calendar message and feed Hearth emits, as bare .ics and as complete
 * .eml composed the way production composes them (the outbox row through the transports'
 * MimeWriter), then checks them all with ../shared/tools/ics-validate in strict mode.
 *
 *   npm run test:calendar-validate            (exit 1 on any validator ERROR)
 *
 * Environment: ICS_VALIDATE (path of the validator), CALENDAR_SAMPLES_DIR (output folder).
 * Debian needs: python3-icalendar python3-vobject gir1.2-ical-3.0 python3-gi.
 */
import {
  buildFeedIcs,
  buildInvitationIcs,
  CalendarAttendee,
  CalendarEventData,
  FeedEntry,
  invitationCalendarPart,
  InvitationIcsInput,
  ITIP_METHOD,
  Partstat,
} from '@app/calendar';
import { MimeWriter, OutboxCalendar, OutboxMessageEntity } from '@app/mail';
import {
  InvitationMailInput,
  isNonEssentialMail,
  listUnsubscribeHeaders,
  renderInvitationMail,
} from '@app/notifications';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { feedSamples } from '../libs/calendar/src/ics/feed-samples.testing';

const ROOT = resolve(__dirname, '..');
const OUT = resolve(process.env.CALENDAR_SAMPLES_DIR ?? join(ROOT, 'test-output/calendar-samples'));
// What the end-to-end tests captured from a running Hearth (calendar.e2e-spec.ts, feeds.e2e-spec.ts):
// real emitted messages and feeds, validated beside the generated samples when present.
const EMITTED = resolve(process.env.EMITTED_MAIL_DIR ?? join(ROOT, 'test-output/emitted-mail'));
const VALIDATOR = resolve(process.env.ICS_VALIDATE ?? join(ROOT, '../shared/tools/ics-validate'));
const FROM = 'Hearth <no-reply@hearth.example>';
const BASE = 'https://hearth.example';

const organizer = (token: string) => ({
  name: 'Rainbow Circle Berlin',
  email: `rsvp+${token}@in.hearth.example`,
});
const attendee = (partstat: Partstat): CalendarAttendee => ({
  name: 'Sam Doe',
  email: 'sam@example.org',
  partstat,
});
const rsvpLinks = (token: string) => ({
  going: `${BASE}/r/${token}?answer=going`,
  maybe: `${BASE}/r/${token}?answer=maybe`,
  cantGo: `${BASE}/r/${token}?answer=declined`,
});

// A winter meetup in Berlin: 17:00 UTC is 18:00 local.
const meetup: CalendarEventData = {
  title: 'Winter meetup: "Coming out, together"',
  description: 'An evening of conversation and tea.\nNewcomers welcome; quiet room available.',
  startsAt: new Date('2026-01-15T17:00:00Z'),
  endsAt: new Date('2026-01-15T19:30:00Z'),
  timezone: 'Europe/Berlin',
  location: 'Nachbarschaftshaus, Room 2, Urbanstraße 21, 10961 Berlin',
  joinUrl: null,
  status: 'CONFIRMED',
  eventUrl: `${BASE}/events/3f2a9c`,
  topicUrl: `${BASE}/topics/88`,
};
const moved: CalendarEventData = {
  ...meetup,
  startsAt: new Date('2026-01-15T18:00:00Z'),
  endsAt: new Date('2026-01-15T20:30:00Z'),
};
const networking: CalendarEventData = {
  title: 'Virtual networking',
  description: 'Short rounds in small breakout rooms.',
  startsAt: new Date('2026-07-02T16:00:00Z'),
  endsAt: new Date('2026-07-02T17:30:00Z'),
  timezone: 'America/New_York',
  location: null,
  joinUrl: 'https://meet.example/hearth-rc-42',
  status: 'CONFIRMED',
  eventUrl: `${BASE}/events/77b1`,
  topicUrl: null,
};
const occurrence = (n: number): CalendarEventData => ({
  title: 'Peer support circle',
  description: 'Fortnightly online circle.',
  startsAt: new Date(Date.UTC(2026, 2, 5 + 14 * (n - 1), 18)),
  endsAt: new Date(Date.UTC(2026, 2, 5 + 14 * (n - 1), 19, 30)),
  timezone: 'Europe/Berlin',
  location: null,
  joinUrl: `https://meet.example/circle-${n}`,
  status: 'CONFIRMED',
  eventUrl: `${BASE}/events/circle-${n}`,
  topicUrl: `${BASE}/topics/12`,
  series: { title: 'Spring circles', url: `${BASE}/series/5`, position: n, total: 6 },
});

interface MessageSample {
  name: string;
  ics?: InvitationIcsInput;
  mail: InvitationMailInput;
}

const base = {
  uid: 'evt-3f2a9c@hearth.example',
  organizer: organizer('k3Jf9aQ'),
  dtstamp: new Date('2025-12-01T09:00:00Z'),
};
const mailBase = {
  groupName: 'Rainbow Circle Berlin',
  recipientName: 'Sam',
  timeZone: 'Europe/Berlin',
  locale: 'en-GB',
};

const messages: MessageSample[] = [
  {
    name: 'request-new',
    ics: {
      ...base,
      method: ITIP_METHOD.REQUEST,
      sequence: 0,
      event: meetup,
      attendee: attendee('NEEDS-ACTION'),
    },
    mail: { ...mailBase, kind: 'invitation', event: meetup, rsvpLinks: rsvpLinks('k3Jf9aQ') },
  },
  {
    name: 'request-update-moved',
    ics: { ...base, method: ITIP_METHOD.REQUEST, sequence: 1, event: moved, attendee: attendee('ACCEPTED') },
    mail: { ...mailBase, kind: 'update', changes: ['time'], event: moved, rsvpLinks: rsvpLinks('k3Jf9aQ') },
  },
  {
    name: 'request-waitlisted',
    ics: {
      ...base,
      method: ITIP_METHOD.REQUEST,
      sequence: 1,
      event: { ...moved, location: null, detailsWithheld: true },
      attendee: attendee('TENTATIVE'),
    },
    mail: {
      ...mailBase,
      kind: 'waitlisted',
      event: { ...moved, location: null, detailsWithheld: true },
      rsvpLinks: rsvpLinks('k3Jf9aQ'),
    },
  },
  {
    name: 'request-confirmed-from-waitlist',
    ics: { ...base, method: ITIP_METHOD.REQUEST, sequence: 2, event: moved, attendee: attendee('ACCEPTED') },
    mail: { ...mailBase, kind: 'confirmed', event: moved, rsvpLinks: rsvpLinks('k3Jf9aQ') },
  },
  {
    name: 'cancel-event',
    ics: {
      ...base,
      method: ITIP_METHOD.CANCEL,
      cancels: 'event',
      sequence: 3,
      event: { ...moved, status: 'CANCELLED' },
      attendee: attendee('ACCEPTED'),
    },
    mail: { ...mailBase, kind: 'cancellation', event: { ...moved, status: 'CANCELLED' } },
  },
  {
    name: 'cancel-removed-attendee',
    ics: {
      ...base,
      method: ITIP_METHOD.CANCEL,
      cancels: 'attendee',
      sequence: 2,
      event: moved,
      attendee: attendee('ACCEPTED'),
    },
    mail: { ...mailBase, kind: 'removed', event: moved },
  },
  {
    name: 'request-arabic',
    ics: {
      uid: 'evt-77b1@hearth.example',
      organizer: { name: 'دائرة قوس قزح', email: 'rsvp+Zp81xQ@in.hearth.example' },
      dtstamp: new Date('2026-06-01T08:00:00Z'),
      method: ITIP_METHOD.REQUEST,
      sequence: 0,
      event: { ...networking, title: 'لقاء تعارف افتراضي', description: 'جولات قصيرة في غرف صغيرة.' },
      attendee: { name: 'ليلى', email: 'layla@example.org', partstat: 'NEEDS-ACTION' },
      locale: 'ar',
    },
    mail: {
      kind: 'invitation',
      locale: 'ar-EG',
      timeZone: 'Africa/Cairo',
      recipientName: 'ليلى',
      groupName: 'دائرة قوس قزح',
      event: { ...networking, title: 'لقاء تعارف افتراضي', description: 'جولات قصيرة في غرف صغيرة.' },
      rsvpLinks: rsvpLinks('Zp81xQ'),
    },
  },
  {
    name: 'request-series-occurrence',
    ics: {
      uid: 'evt-circle-2@hearth.example',
      organizer: organizer('Qw7mN2'),
      dtstamp: new Date('2026-02-20T10:00:00Z'),
      method: ITIP_METHOD.REQUEST,
      sequence: 0,
      event: occurrence(2),
      attendee: attendee('NEEDS-ACTION'),
    },
    mail: { ...mailBase, kind: 'invitation', event: occurrence(2), rsvpLinks: rsvpLinks('Qw7mN2') },
  },
  // Reminders are plain mails: the calendar client has its own alarms, and a repeated REQUEST
  // would show as a new invitation.
  {
    name: 'reminder-24h',
    mail: { ...mailBase, kind: 'reminder', lead: '24h', event: moved, rsvpLinks: rsvpLinks('k3Jf9aQ') },
  },
  {
    name: 'reminder-1h-arabic',
    mail: {
      kind: 'reminder',
      lead: '1h',
      locale: 'ar',
      timeZone: 'Asia/Amman',
      groupName: 'دائرة قوس قزح',
      event: { ...networking, title: 'لقاء تعارف افتراضي' },
    },
  },
];

const feedEntry = (uid: string, event: CalendarEventData): FeedEntry => ({
  uid,
  sequence: 1,
  dtstamp: new Date('2025-12-01T09:00:00Z'),
  event,
});
const publicView = (event: CalendarEventData): CalendarEventData => ({
  ...event,
  location: null,
  joinUrl: null,
});

function bigFeed(size: number): FeedEntry[] {
  const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'Africa/Cairo'];
  return Array.from({ length: size }, (_, i) => {
    const start = Date.UTC(2026, 0, 1, 17) + Math.floor(i * 0.7 * 86_400_000);
    return feedEntry(`evt-bulk-${i}@hearth.example`, {
      ...networking,
      title: `Virtual networking #${i}`,
      startsAt: new Date(start),
      endsAt: new Date(start + 90 * 60_000),
      timezone: zones[i % zones.length],
      eventUrl: `${BASE}/events/bulk-${i}`,
      joinUrl: null,
    });
  });
}

const feeds: { name: string; ics: () => string }[] = [
  {
    name: 'feed-group',
    ics: () =>
      buildFeedIcs({
        kind: 'group',
        name: 'Rainbow Circle Berlin, public events',
        refreshMinutes: 60,
        events: [
          feedEntry(base.uid, publicView(moved)),
          feedEntry('evt-77b1@hearth.example', publicView(networking)),
        ],
      }),
  },
  {
    name: 'feed-series',
    ics: () =>
      buildFeedIcs({
        kind: 'series',
        name: 'Spring circles',
        events: [1, 2, 3, 4, 5, 6].map((n) =>
          feedEntry(`evt-circle-${n}@hearth.example`, publicView(occurrence(n))),
        ),
      }),
  },
  {
    name: 'feed-personal',
    ics: () =>
      buildFeedIcs({
        kind: 'personal',
        name: 'My Hearth events',
        locale: 'en',
        refreshMinutes: 30,
        events: [
          { ...feedEntry(base.uid, moved), organizer: organizer('k3Jf9aQ'), attendee: attendee('ACCEPTED') },
          {
            ...feedEntry('evt-circle-2@hearth.example', {
              ...occurrence(2),
              joinUrl: null,
              detailsWithheld: true,
            }),
            organizer: organizer('Qw7mN2'),
            attendee: attendee('TENTATIVE'),
          },
        ],
      }),
  },
  // The direct feed writer on varied events (Arabic and emoji, TEXT specials, cancelled, hidden
  // venue, online only, DST nights, repeated hour, zones written in UTC, aliases, ORGANIZER/ATTENDEE).
  ...['group', 'series', 'personal'].map((kind) => ({
    name: `feed-varied-${kind}`,
    ics: () => buildFeedIcs(feedSamples[kind]),
  })),
  {
    name: 'feed-1000-events',
    ics: () => buildFeedIcs({ kind: 'group', name: 'Load sample', events: bigFeed(1000) }),
  },
];

function outboxRow(
  name: string,
  mail: { subject: string; text: string; html: string },
  calendar: OutboxCalendar | null,
  headers: Record<string, string>,
): OutboxMessageEntity {
  const row = new OutboxMessageEntity();
  Object.assign(row, {
    id: '00000000-0000-4000-8000-000000000000',
    purpose: `calendar-sample:${name}`,
    userId: null,
    recipient: 'Sam Doe <sam@example.org>',
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
    headers,
    calendar,
    attachments: [],
    messageId: `<${name}.sample@hearth.example>`,
  });
  return row;
}

function main(): number {
  if (!existsSync(VALIDATOR)) {
    console.error(`validator not found at ${VALIDATOR} (set ICS_VALIDATE)`);
    return 2;
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const writer = new MimeWriter(FROM);

  const imip: string[] = [];
  const plainMails: string[] = [];
  for (const sample of messages) {
    const calendar = sample.ics ? invitationCalendarPart(sample.ics) : null;
    if (sample.ics && calendar) {
      const file = join(OUT, `${sample.name}.ics`);
      writeFileSync(file, buildInvitationIcs(sample.ics));
      imip.push(file);
    }
    const headers: Record<string, string> = isNonEssentialMail(sample.mail.kind)
      ? { ...listUnsubscribeHeaders(`${BASE}/unsubscribe/u-sample`) }
      : {};
    const row = outboxRow(sample.name, renderInvitationMail(sample.mail), calendar, headers);
    const file = join(OUT, `${sample.name}.eml`);
    writeFileSync(file, writer.write(row).raw);
    (calendar ? imip : plainMails).push(file);
  }

  const feedFiles: string[] = [];
  for (const feed of feeds) {
    const file = join(OUT, `${feed.name}.ics`);
    writeFileSync(file, feed.ics());
    feedFiles.push(file);
  }

  // Warm runs of the 1,000-event feed: module loading and first-use zone tables are excluded.
  const events = bigFeed(1000);
  const runs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    buildFeedIcs({ kind: 'group', name: 'Load sample', events });
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `1,000-event feed: median ${runs[7].toFixed(1)} ms, max ${runs[14].toFixed(1)} ms (15 warm runs, informational)`,
  );
  console.log(
    `${plainMails.length} plain mails (no calendar part) written, not validated: ${plainMails.map((f) => f.slice(OUT.length + 1)).join(', ')}`,
  );

  const emitted = existsSync(EMITTED) ? readdirSync(EMITTED).map((f) => join(EMITTED, f)) : [];
  const emittedMail = emitted.filter((f) => f.endsWith('.eml'));
  const emittedFeeds = emitted.filter((f) => f.endsWith('.ics'));
  console.log(
    `${emittedMail.length} emitted messages and ${emittedFeeds.length} emitted feeds captured by the e2e tests`,
  );

  const args = ['--summary', '-q', '--icaljs', ROOT];
  const runs2 = [
    spawnSync(VALIDATOR, [...args, '--imip', ...imip, ...emittedMail], { stdio: 'inherit' }),
    spawnSync(VALIDATOR, [...args, ...feedFiles, ...emittedFeeds], { stdio: 'inherit' }),
  ];
  const failed = runs2.some((r) => r.status !== 0);
  console.log(
    failed
      ? `calendar-validate: FAIL (samples in ${OUT})`
      : `calendar-validate: all samples pass strict validation (${OUT})`,
  );
  return failed ? 1 : 0;
}

Promise.resolve()
  .then(main)
  .then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
