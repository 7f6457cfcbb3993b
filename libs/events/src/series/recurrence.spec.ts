import { expandRecurrence } from './recurrence';

describe('expandRecurrence', () => {
  it('keeps the local time across a DST change', () => {
    // Tuesdays 19:00 in Berlin from 14 Oct 2025; clocks go back on 26 Oct.
    const result = expandRecurrence({
      rule: 'FREQ=WEEKLY;COUNT=3',
      firstStartsAt: new Date('2025-10-14T17:00:00Z'),
      durationMs: 2 * 3600_000,
      timezone: 'Europe/Berlin',
      horizonUntil: new Date('2026-06-01T00:00:00Z'),
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.occurrences.map((o) => o.startsAt.toISOString())).toEqual([
      '2025-10-14T17:00:00.000Z',
      '2025-10-21T17:00:00.000Z',
      '2025-10-28T18:00:00.000Z',
    ]);
    expect(result.occurrences[2].endsAt.toISOString()).toBe('2025-10-28T20:00:00.000Z');
  });

  it('stops at the horizon', () => {
    const result = expandRecurrence({
      rule: 'RRULE:FREQ=DAILY',
      firstStartsAt: new Date('2026-01-01T10:00:00Z'),
      durationMs: 3600_000,
      timezone: 'UTC',
      horizonUntil: new Date('2026-01-05T12:00:00Z'),
    });
    expect(result.ok && result.occurrences).toHaveLength(5);
  });

  it.each(['FREQ=SOMETIMES', 'DTSTART:20260101T000000Z', 'FREQ=WEEKLY;BYDAY=XX', ''])(
    'refuses %p',
    (rule) => {
      const result = expandRecurrence({
        rule,
        firstStartsAt: new Date('2026-01-01T10:00:00Z'),
        durationMs: 3600_000,
        timezone: 'UTC',
        horizonUntil: new Date('2026-03-01T00:00:00Z'),
      });
      expect(result.ok).toBe(false);
    },
  );
});
