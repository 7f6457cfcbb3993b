import type { Locale } from '@app/core';

const cache = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    const tag = locale === 'ar' ? 'ar' : 'en-GB';
    try {
      f = new Intl.DateTimeFormat(tag, { ...options, timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
    }
    cache.set(key, f);
  }
  return f;
}

const RANGE: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** "Thursday 3 December 2026, 19:00–20:30 GMT", in the given zone. */
export function formatRange(locale: Locale, start: Date, end: Date, zone: string): string {
  const f = format(locale, zone, RANGE);
  return end > start ? f.formatRange(start, end) : f.format(start);
}

/** Day number and short month for a date tile. */
export function dateTile(locale: Locale, start: Date, zone: string): { day: string; month: string } {
  return {
    day: format(locale, zone, { day: 'numeric' }).format(start),
    month: format(locale, zone, { month: 'short' }).format(start),
  };
}

export function formatShort(locale: Locale, at: Date, zone: string): string {
  return format(locale, zone, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** Whether two zones show the same wall clock at this instant (then one time line is enough). */
export function sameClock(a: string, b: string, at: Date): boolean {
  const opts: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: 'numeric', day: 'numeric' };
  return format('en', a, opts).format(at) === format('en', b, opts).format(at);
}
