import { CalendarEventData } from './calendar-event';
import { buildInvitationIcs, invitationCalendarPart, InvitationIcsInput } from './invitation-ics';
import { ITIP_METHOD } from './itip';
import { readIcs } from './read-ics.testing';

const winterMeetup: CalendarEventData = {
  title: 'Winter meetup',
  description: 'Tea and conversation.',
  startsAt: new Date('2026-01-15T17:00:00Z'),
  endsAt: new Date('2026-01-15T19:00:00Z'),
  timezone: 'Europe/Berlin',
  location: 'Nachbarschaftshaus, Urbanstraße 21, Berlin',
  joinUrl: null,
  status: 'CONFIRMED',
  eventUrl: 'https://hearth.example/events/3f2a',
  topicUrl: 'https://hearth.example/topics/88',
};

const request = (overrides: Partial<InvitationIcsInput> = {}): InvitationIcsInput =>
  ({
    method: ITIP_METHOD.REQUEST,
    uid: 'evt-3f2a@hearth.example',
    sequence: 0,
    dtstamp: new Date('2025-12-01T09:30:15Z'),
    event: winterMeetup,
    organizer: { name: 'Rainbow Circle', email: 'rsvp+tok3n@in.hearth.example' },
    attendee: { name: 'Sam Doe', email: 'sam@example.org', partstat: 'NEEDS-ACTION' },
    ...overrides,
  }) as InvitationIcsInput;

const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0];
};

describe('buildInvitationIcs', () => {
  it('writes METHOD:REQUEST in the body and the same method for the MIME part', () => {
    const part = invitationCalendarPart(request());
    expect(part.method).toBe('REQUEST');
    expect(readIcs(part.content).calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(part.filename).toBe('invite.ics');
  });

  it('keeps the UID stable across updates and writes the given SEQUENCE', () => {
    const first = readIcs(buildInvitationIcs(request()));
    const moved = readIcs(
      buildInvitationIcs(
        request({ sequence: 3, event: { ...winterMeetup, startsAt: new Date('2026-01-15T18:00:00Z') } }),
      ),
    );
    expect(only(first.events).getFirstPropertyValue('uid')).toBe('evt-3f2a@hearth.example');
    expect(only(moved.events).getFirstPropertyValue('uid')).toBe('evt-3f2a@hearth.example');
    expect(first.events[0].getFirstPropertyValue('sequence')).toBe(0);
    expect(moved.events[0].getFirstPropertyValue('sequence')).toBe(3);
  });

  it('writes DTSTAMP in UTC', () => {
    const ics = readIcs(buildInvitationIcs(request()));
    expect(ics.lines).toContain('DTSTAMP:20251201T093015Z');
    expect(ics.instant(ics.events[0], 'dtstamp')).toEqual(new Date('2025-12-01T09:30:15Z'));
  });

  it('shows an event at 17:00 UTC in Berlin winter as 18:00 local with a VTIMEZONE', () => {
    const ics = readIcs(buildInvitationIcs(request()));
    expect(ics.lines).toContain('DTSTART;TZID=Europe/Berlin:20260115T180000');
    expect(ics.lines).toContain('DTEND;TZID=Europe/Berlin:20260115T200000');
    expect(only(ics.calendar.getAllSubcomponents('vtimezone')).getFirstPropertyValue('tzid')).toBe(
      'Europe/Berlin',
    );
    expect(ics.instant(ics.events[0], 'dtstart')).toEqual(winterMeetup.startsAt);
    expect(ics.instant(ics.events[0], 'dtend')).toEqual(winterMeetup.endsAt);
  });

  it('keeps local times right across the autumn DST change in Berlin', () => {
    // 00:00 CEST on 26 Oct 2025 to 04:00 CET, across the night the clocks go back.
    const event = {
      ...winterMeetup,
      startsAt: new Date('2025-10-25T22:00:00Z'),
      endsAt: new Date('2025-10-26T03:00:00Z'),
    };
    const ics = readIcs(buildInvitationIcs(request({ event })));
    expect(ics.lines).toContain('DTSTART;TZID=Europe/Berlin:20251026T000000');
    expect(ics.lines).toContain('DTEND;TZID=Europe/Berlin:20251026T040000');
    expect(ics.instant(ics.events[0], 'dtstart')).toEqual(event.startsAt);
    expect(ics.instant(ics.events[0], 'dtend')).toEqual(event.endsAt);
  });

  it('keeps local times right on the spring DST day in Berlin', () => {
    const event = {
      ...winterMeetup,
      startsAt: new Date('2026-03-29T10:00:00Z'),
      endsAt: new Date('2026-03-29T12:00:00Z'),
    };
    const ics = readIcs(buildInvitationIcs(request({ event })));
    expect(ics.lines).toContain('DTSTART;TZID=Europe/Berlin:20260329T120000');
    expect(ics.instant(ics.events[0], 'dtstart')).toEqual(event.startsAt);
  });

  // ical-generator formats plain Dates in the process zone. Jest sandboxes process.env, so TZ cannot
  // be switched inside a test; instead the Berlin and New York cases fail on any machine whose zone
  // is not theirs if that ever comes back.
  it('writes New York times in EST in winter and EDT in summer', () => {
    const winter = { ...winterMeetup, timezone: 'America/New_York' };
    const summer = {
      ...winter,
      startsAt: new Date('2026-07-02T16:00:00Z'),
      endsAt: new Date('2026-07-02T17:30:00Z'),
    };
    const w = readIcs(buildInvitationIcs(request({ event: winter })));
    const s = readIcs(buildInvitationIcs(request({ event: summer })));
    expect(w.lines).toContain('DTSTART;TZID=America/New_York:20260115T120000');
    expect(s.lines).toContain('DTSTART;TZID=America/New_York:20260702T120000');
    expect(w.instant(w.events[0], 'dtstart')).toEqual(winter.startsAt);
    expect(s.instant(s.events[0], 'dtend')).toEqual(summer.endsAt);
  });

  it('lists exactly one ATTENDEE, the recipient, with PARTSTAT and RSVP=TRUE', () => {
    const ics = readIcs(
      buildInvitationIcs(
        request({ attendee: { name: 'Sam', email: 'sam@example.org', partstat: 'ACCEPTED' } }),
      ),
    );
    const attendee = only(ics.events[0].getAllProperties('attendee'));
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:sam@example.org');
    expect(attendee.getParameter('partstat')).toBe('ACCEPTED');
    expect(attendee.getParameter('rsvp')).toBe('TRUE');
    expect(attendee.getParameter('cn')).toBe('Sam');
  });

  it('names the group as ORGANIZER with the per-invitation reply address', () => {
    const organizer = only(readIcs(buildInvitationIcs(request())).events[0].getAllProperties('organizer'));
    expect(organizer.getFirstValue()).toBe('mailto:rsvp+tok3n@in.hearth.example');
    expect(organizer.getParameter('cn')).toBe('Rainbow Circle');
  });

  it('links the event page and the topic in DESCRIPTION', () => {
    const event = readIcs(buildInvitationIcs(request())).events[0];
    const description = String(event.getFirstPropertyValue('description'));
    expect(description).toContain('Tea and conversation.');
    expect(description).toContain('Event page: https://hearth.example/events/3f2a');
    expect(description).toContain('Discussion: https://hearth.example/topics/88');
    expect(event.getFirstPropertyValue('url')).toBe('https://hearth.example/events/3f2a');
  });

  it('writes neither LOCATION nor a join link for someone waitlisted, and says when they come', () => {
    const event = { ...winterMeetup, location: null, joinUrl: null, detailsWithheld: true };
    const vevent = readIcs(buildInvitationIcs(request({ event }))).events[0];
    expect(vevent.getFirstProperty('location')).toBeNull();
    const description = String(vevent.getFirstPropertyValue('description'));
    expect(description).not.toContain('Join online');
    expect(description).toContain('shared once your place is confirmed');
  });

  it('uses the join link as LOCATION for an online event and lists it in DESCRIPTION', () => {
    const event = { ...winterMeetup, location: null, joinUrl: 'https://meet.example/r/42' };
    const vevent = readIcs(buildInvitationIcs(request({ event }))).events[0];
    expect(vevent.getFirstPropertyValue('location')).toBe('https://meet.example/r/42');
    expect(String(vevent.getFirstPropertyValue('description'))).toContain(
      'Join online: https://meet.example/r/42',
    );
  });

  it('marks the event CLASS:PRIVATE so shared calendars do not show its title', () => {
    expect(readIcs(buildInvitationIcs(request())).events[0].getFirstPropertyValue('class')).toBe('PRIVATE');
  });

  it('cancels an event with METHOD:CANCEL, STATUS:CANCELLED and no place', () => {
    const part = invitationCalendarPart({
      ...request({ sequence: 4 }),
      method: ITIP_METHOD.CANCEL,
      cancels: 'event',
      event: { ...winterMeetup, status: 'CANCELLED', joinUrl: 'https://meet.example/r/42' },
    });
    expect(part.method).toBe('CANCEL');
    const ics = readIcs(part.content);
    expect(ics.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = ics.events[0];
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(4);
    expect(event.getFirstProperty('location')).toBeNull();
    expect(String(event.getFirstPropertyValue('description'))).not.toContain('meet.example');
    expect(only(event.getAllProperties('attendee')).getParameter('rsvp')).toBeUndefined();
  });

  it('removes one attendee with a CANCEL that has no STATUS (RFC 5546 §3.2.5)', () => {
    const ics = readIcs(
      buildInvitationIcs({ ...request(), method: ITIP_METHOD.CANCEL, cancels: 'attendee' }),
    );
    expect(ics.events[0].getFirstProperty('status')).toBeNull();
    expect(ics.events[0].getFirstProperty('location')).toBeNull();
  });

  it('refuses to send a cancelled event as a REQUEST', () => {
    expect(() => buildInvitationIcs(request({ event: { ...winterMeetup, status: 'CANCELLED' } }))).toThrow(
      /CANCEL/,
    );
  });

  it('escapes text values and keeps quotes out of CN parameters', () => {
    const ics = buildInvitationIcs(
      request({
        event: { ...winterMeetup, title: 'Tea, talk; "and" more\nlater' },
        attendee: { name: 'Sam "Sunny" Doe', email: 'sam@example.org', partstat: 'NEEDS-ACTION' },
      }),
    );
    const event = readIcs(ics).events[0];
    expect(event.getFirstPropertyValue('summary')).toBe('Tea, talk; "and" more later');
    expect(event.getFirstProperty('attendee')?.getParameter('cn')).toBe("Sam 'Sunny' Doe");
  });

  it('writes the links block in Arabic for an Arabic recipient', () => {
    const description = String(
      readIcs(buildInvitationIcs(request({ locale: 'ar-EG' }))).events[0].getFirstPropertyValue(
        'description',
      ),
    );
    expect(description).toContain('صفحة الفعالية: https://hearth.example/events/3f2a');
  });

  it('writes one occurrence of a series as a standalone event with its own UID', () => {
    const event = { ...winterMeetup, series: { title: 'Spring circles', position: 2, total: 6 } };
    const ics = readIcs(buildInvitationIcs(request({ uid: 'evt-circle-2@hearth.example', event })));
    const vevent = only(ics.events);
    expect(vevent.getFirstPropertyValue('uid')).toBe('evt-circle-2@hearth.example');
    expect(vevent.getFirstProperty('rrule')).toBeNull();
    expect(vevent.getFirstProperty('recurrence-id')).toBeNull();
    expect(String(vevent.getFirstPropertyValue('description'))).toContain('Part of Spring circles (2 of 6)');
  });

  it('refuses links that are not http(s) and UIDs that could break the text', () => {
    expect(() =>
      buildInvitationIcs(request({ event: { ...winterMeetup, joinUrl: 'javascript:alert(1)' } })),
    ).toThrow(/joinUrl/);
    expect(() => buildInvitationIcs(request({ uid: 'evt\r\nATTENDEE:mailto:x@y.z' }))).toThrow(/UID/);
  });

  it('ends every line with CRLF and folds long lines at 75 octets', () => {
    const ics = buildInvitationIcs(request({ event: { ...winterMeetup, description: 'ليلة '.repeat(80) } }));
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
