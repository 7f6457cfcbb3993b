import { CalendarEventData } from './calendar-event';
import { FeedEntry, FeedIcsInput, PersonalFeedEntry } from './feed-ics';

/*
 * Feeds of varied events for tests (feed-vevent.spec.ts compares the direct writer with
 * ical-generator on them) and for scripts/calendar-validate.ts (strict validation of the result):
 * Arabic and emoji text, long descriptions, TEXT specials, cancelled and tentative events, a
 * hidden venue, online-only events, zones with and without a usable VTIMEZONE, aliases, nights
 * when clocks change, a repeated local hour, series, a personal feed with ORGANIZER and ATTENDEE.
 */

const BASE = 'https://hearth.example';
const LONG_AR =
  'لقاء شهري للمجتمع: نتحدث عن الخروج، العائلة، والعمل؛ الشاي والقهوة متوفران. ' +
  'المكان هادئ ويمكن الوصول إليه بالكرسي المتحرك 🏳️‍🌈🏳️‍⚧️. ';

const event = (over: Partial<CalendarEventData>): CalendarEventData => ({
  title: 'Meetup',
  description: '',
  startsAt: new Date('2026-01-15T17:00:00Z'),
  endsAt: new Date((over.startsAt ?? new Date('2026-01-15T17:00:00Z')).getTime() + 150 * 60_000),
  timezone: 'Europe/Berlin',
  location: null,
  joinUrl: null,
  status: 'CONFIRMED',
  eventUrl: `${BASE}/events/1`,
  ...over,
});

const entry = (n: number, over: Partial<CalendarEventData>, sequence = n): FeedEntry => ({
  uid: `evt-${n}@hearth.example`,
  sequence,
  dtstamp: new Date(Date.UTC(2025, 11, 1, 9, n % 60, n % 60, 123)),
  event: event({ eventUrl: `${BASE}/events/${n}`, ...over }),
});

export const feedSampleEntry = entry;

/** One entry per case the writer has to get right. */
export const variedFeedEntries: FeedEntry[] = [
  entry(1, {
    title: 'لقاء تعارف افتراضي 🌈',
    description: LONG_AR.repeat(6),
    location: 'مركز الحي، القاعة ٢',
  }),
  entry(2, {
    title: 'Commas, semicolons; back\\slashes\nand newlines',
    description: 'Line one,\r\nline two; with \\ a backslash\rline three\n\n\nand "quotes" \u0007bell',
    location: 'Nachbarschaftshaus, Room 2; Urbanstraße 21\n10961 Berlin',
  }),
  entry(3, { title: 'Cancelled', status: 'CANCELLED' }),
  entry(4, { title: 'Maybe happening', status: 'TENTATIVE' }),
  entry(5, { title: 'Hidden venue', location: null, joinUrl: null, detailsWithheld: true }),
  entry(6, { title: 'Online only', joinUrl: 'https://meet.example/room?a=1,2;b=3' }),
  entry(7, { title: 'Venue and link', location: 'Café Oz', joinUrl: 'https://meet.example/x' }),
  entry(8, { timezone: 'America/New_York', startsAt: new Date('2026-07-02T16:00:00Z') }),
  entry(9, { timezone: 'Asia/Tokyo', topicUrl: `${BASE}/topics/88` }),
  entry(10, { timezone: 'UTC' }),
  // Bundled VTIMEZONE out of date: written in UTC.
  entry(11, { timezone: 'Africa/Cairo', startsAt: new Date('2026-08-01T15:00:00Z') }),
  // Alias written as its canonical TZID.
  entry(12, { timezone: 'Asia/Calcutta', startsAt: new Date('2026-01-15T12:30:00Z') }),
  // Crossing the spring-forward night in Berlin (29 March 2026), and the southern hemisphere's.
  entry(13, { startsAt: new Date('2026-03-28T23:30:00Z'), endsAt: new Date('2026-03-29T03:00:00Z') }),
  entry(14, {
    timezone: 'Australia/Sydney',
    startsAt: new Date('2026-04-04T14:00:00Z'),
    endsAt: new Date('2026-04-04T18:00:00Z'),
  }),
  // Ends in the hour Berlin repeats (25 October 2026): written in UTC.
  entry(15, { startsAt: new Date('2026-10-24T23:00:00Z'), endsAt: new Date('2026-10-25T00:30:00Z') }),
  entry(16, { timezone: 'Mars/Olympus_Mons' }),
  entry(17, {
    title: `  ${'A very long title that goes on and on '.repeat(4)}  `,
    series: { title: 'Spring, circles; "quoted"', url: `${BASE}/series/5`, position: 2, total: 6 },
  }),
  entry(18, { series: { title: 'Open-ended', position: 3 } }),
  entry(19, { startsAt: new Date('2026-05-01T10:00:00Z'), endsAt: new Date('2026-05-01T10:00:00Z') }, 0),
  entry(20, { title: '🏳️‍🌈'.repeat(30), description: '🏳️‍⚧️ x'.repeat(40) }, 2_147_483_647),
  {
    ...entry(21, { title: 'Long UID' }),
    uid: `evt-${'0123456789abcdef'.repeat(6)}@hearth.example`,
  },
];

const personal = (
  input: FeedEntry,
  partstat: PersonalFeedEntry['attendee']['partstat'],
): PersonalFeedEntry => ({
  ...input,
  organizer: { name: 'دائرة قوس قزح "Berlin", e.V.; \\ ok', email: 'rsvp+k3Jf9aQ@in.hearth.example' },
  attendee: {
    name: partstat === 'DECLINED' ? '' : 'Sam "Sunny" Doe, Jr.',
    email: 'sam@example.org',
    partstat,
  },
});

export const feedSamples: Record<string, FeedIcsInput> = {
  group: {
    kind: 'group',
    name: 'Rainbow Circle, public; events',
    refreshMinutes: 60,
    events: variedFeedEntries,
  },
  series: { kind: 'series', name: '  Spring\n circles  ', locale: 'ar', events: variedFeedEntries.slice(10) },
  personal: {
    kind: 'personal',
    name: 'My Hearth events',
    locale: 'ar-EG',
    refreshMinutes: 30,
    events: variedFeedEntries.map((e, i) =>
      personal(e, (['ACCEPTED', 'TENTATIVE', 'DECLINED', 'NEEDS-ACTION'] as const)[i % 4]),
    ),
  },
  empty: { kind: 'group', name: 'Nothing yet', events: [] },
};
