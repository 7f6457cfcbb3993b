import {
  appTime,
  dateTile,
  formatCalendarDate,
  formatDateTime,
  formatRange,
  formatRangeWithZone,
  sameWallClock,
  timeContext,
} from './format-time';

const start = new Date('2026-12-03T19:00:00Z');
const end = new Date('2026-12-03T20:30:00Z');
const nextDay = new Date('2026-12-04T09:00:00Z');

describe('format-time', () => {
  it('writes a member-page range in the event zone, shared parts once', () => {
    expect(formatRange(appTime('en', 'Europe/London'), start, end, 'event')).toBe(
      'Thursday, 3 December 2026, 19:00–20:30 GMT',
    );
    expect(formatRange(appTime('en', 'Europe/London'), start, start, 'event')).toBe(
      'Thursday, 3 December 2026 at 19:00 GMT',
    );
  });

  it('writes a mail range in the recipient tag and zone, Gregorian with the tag own digits', () => {
    expect(formatRange(timeContext('ar', 'ar-EG', ['Asia/Riyadh']), start, end)).toBe(
      'الخميس، ٣ ديسمبر ٢٠٢٦، ١٠:٠٠–١١:٣٠ م غرينتش+٣',
    );
    expect(timeContext('en', 'fr-FR', ['Not/AZone', 'Europe/Paris'])).toEqual({
      locale: 'en',
      timeZone: 'Europe/Paris',
    });
    expect(timeContext('ar', 'ar-SA', [null]).timeZone).toBe('UTC');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(formatDateTime(appTime('en', 'Bad/Zone'), start)).toBe('3 Dec 2026, 19:00');
  });

  it('spells a range with its zone, repeating the date only across days', () => {
    const ctx = appTime('en', 'Europe/London');
    expect(formatRangeWithZone(ctx, start, end)).toBe(
      'Thursday, 3 December 2026 at 19:00 – 20:30 (Europe/London)',
    );
    expect(formatRangeWithZone(ctx, start, nextDay)).toBe(
      'Thursday, 3 December 2026 at 19:00 – Friday, 4 December 2026 at 09:00 (Europe/London)',
    );
  });

  it('writes the admin calendar styles as plain Intl would: month title, weekdays, clock, spoken day', () => {
    const at = new Date('2026-12-03T09:05:00Z');
    const en = appTime('en', 'Europe/London');
    expect(
      (['month', 'weekday', 'weekdayShort', 'clock', 'dayOfMonth'] as const).map((s) =>
        formatDateTime(en, at, s),
      ),
    ).toEqual(['December 2026', 'Thursday', 'Thu', '09:05', 'Thursday 3 December']);
    const ar = appTime('ar', 'Asia/Riyadh');
    expect(formatDateTime(ar, at, 'clock')).toBe(
      new Intl.DateTimeFormat('ar', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Riyadh' }).format(
        at,
      ),
    );
    expect(formatDateTime(ar, at, 'dayOfMonth')).toBe(
      new Intl.DateTimeFormat('ar', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        timeZone: 'Asia/Riyadh',
      }).format(at),
    );
  });

  it('gives a date tile, a calendar date and compares wall clocks', () => {
    expect(dateTile(appTime('en', 'Asia/Tokyo'), start)).toEqual({ day: '4', month: 'Dec' });
    expect(formatCalendarDate('en', '2026-12-03')).toBe('3 December 2026');
    expect(formatCalendarDate('en', 'soon')).toBe('soon');
    expect(sameWallClock('Europe/London', 'UTC', start)).toBe(true);
    expect(sameWallClock('Europe/London', 'Europe/Paris', start)).toBe(false);
  });
});
