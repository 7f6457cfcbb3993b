import { CalendarEventData } from './calendar-event';
import { buildFeedIcs, FeedEntry } from './feed-ics';
import { readIcs } from './read-ics.testing';

const event = (n: number, timezone: string, startsAt: string): CalendarEventData => ({
  title: `Session ${n}`,
  description: '',
  startsAt: new Date(startsAt),
  endsAt: new Date(new Date(startsAt).getTime() + 90 * 60_000),
  timezone,
  location: null,
  joinUrl: null,
  status: 'CONFIRMED',
  eventUrl: `https://hearth.example/events/${n}`,
});
const entry = (n: number, timezone: string, startsAt: string): FeedEntry => ({
  uid: `evt-${n}@hearth.example`,
  sequence: 2,
  dtstamp: new Date('2025-12-01T09:00:00Z'),
  event: event(n, timezone, startsAt),
});

const groupFeed = () =>
  buildFeedIcs({
    kind: 'group',
    name: 'Rainbow Circle, public; events',
    events: [
      entry(1, 'Europe/Berlin', '2026-01-15T17:00:00Z'),
      entry(2, 'Europe/Berlin', '2026-07-15T16:00:00Z'),
      entry(3, 'America/New_York', '2026-02-01T23:00:00Z'),
      entry(4, 'Africa/Cairo', '2026-08-01T15:00:00Z'),
      entry(5, 'UTC', '2026-03-01T12:00:00Z'),
    ],
  });

describe('buildFeedIcs', () => {
  it('writes a METHOD-less calendar with an escaped name', () => {
    const ics = readIcs(groupFeed());
    expect(ics.calendar.getFirstProperty('method')).toBeNull();
    // ical.js reads neither NAME (RFC 7986) nor X-WR-CALNAME as TEXT, so the escaping is checked raw.
    expect(ics.lines).toEqual(
      expect.arrayContaining([
        'NAME:Rainbow Circle\\, public\\; events',
        'X-WR-CALNAME:Rainbow Circle\\, public\\; events',
      ]),
    );
  });

  it('writes one VTIMEZONE per zone used and every instant right', () => {
    const ics = readIcs(groupFeed());
    const tzids = ics.calendar.getAllSubcomponents('vtimezone').map((v) => v.getFirstPropertyValue('tzid'));
    expect(tzids.sort()).toEqual(['America/New_York', 'Europe/Berlin']);
    const starts = ics.events.map((e) => ics.instant(e, 'dtstart').toISOString());
    expect(starts).toEqual([
      '2026-01-15T17:00:00.000Z',
      '2026-07-15T16:00:00.000Z',
      '2026-02-01T23:00:00.000Z',
      '2026-08-01T15:00:00.000Z',
      '2026-03-01T12:00:00.000Z',
    ]);
    // The bundled Cairo VTIMEZONE predates Egypt's return to DST (2023): written in UTC instead.
    expect(ics.lines).toContain('DTSTART:20260801T150000Z');
    expect(ics.lines).toContain('DTSTART:20260301T120000Z');
  });

  it('lists public events without organizer, attendees or reply addresses, as free time', () => {
    const ics = readIcs(groupFeed());
    for (const e of ics.events) {
      expect(e.getFirstProperty('organizer')).toBeNull();
      expect(e.getFirstProperty('attendee')).toBeNull();
      expect(e.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
      expect(e.getFirstProperty('class')).toBeNull();
    }
  });

  it("carries the member's own answer in a personal feed, and only theirs", () => {
    const organizer = { name: 'Rainbow Circle', email: 'rsvp+abc@in.hearth.example' };
    const ics = readIcs(
      buildFeedIcs({
        kind: 'personal',
        name: 'My events',
        events: [
          {
            ...entry(1, 'Europe/Berlin', '2026-01-15T17:00:00Z'),
            organizer,
            attendee: { name: 'Sam', email: 'sam@example.org', partstat: 'ACCEPTED' },
          },
          {
            ...entry(2, 'Europe/Berlin', '2026-01-22T17:00:00Z'),
            organizer,
            attendee: { name: 'Sam', email: 'sam@example.org', partstat: 'TENTATIVE' },
          },
        ],
      }),
    );
    const [going, maybe] = ics.events;
    expect(going.getAllProperties('attendee')).toHaveLength(1);
    expect(going.getFirstProperty('attendee')?.getParameter('partstat')).toBe('ACCEPTED');
    expect(going.getFirstProperty('attendee')?.getParameter('rsvp')).toBeUndefined();
    expect(going.getFirstPropertyValue('organizer')).toBe('mailto:rsvp+abc@in.hearth.example');
    expect(going.getFirstPropertyValue('transp')).toBe('OPAQUE');
    expect(maybe.getFirstProperty('attendee')?.getParameter('partstat')).toBe('TENTATIVE');
    expect(maybe.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(going.getFirstPropertyValue('class')).toBe('PRIVATE');
  });

  it('writes REFRESH-INTERVAL and X-PUBLISHED-TTL only when asked', () => {
    const refreshing = buildFeedIcs({
      kind: 'series',
      name: 'S',
      refreshMinutes: 60,
      events: [entry(1, 'UTC', '2026-01-01T10:00:00Z')],
    });
    expect(readIcs(refreshing).lines).toEqual(
      expect.arrayContaining(['REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H']),
    );
    expect(groupFeed()).not.toMatch(/REFRESH-INTERVAL|X-PUBLISHED-TTL/);
  });

  it('is byte-identical for the same data, so its ETag holds', () => {
    expect(groupFeed()).toBe(groupFeed());
  });

  it('writes an empty feed as a valid calendar', () => {
    const ics = buildFeedIcs({ kind: 'group', name: 'Nothing yet', events: [] });
    expect(readIcs(ics).events).toHaveLength(0);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
