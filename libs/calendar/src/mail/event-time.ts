import { isIanaTimeZone } from '@app/core';
import type { Locale } from '@app/mail';
import { IANAZone } from 'luxon';

const LONG: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};
const SHORT: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

// Building a DateTimeFormat costs far more than using one, and fan-out renders thousands of mails
// with a handful of locale/zone pairs; formatters are immutable, so this is plain memoisation.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, style: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    // Gregorian always, so the mail shows the same date as the calendar entry (ar-SA defaults to
    // the Islamic calendar); the digits stay the locale's own.
    const options = { ...(style === 'long' ? LONG : SHORT), timeZone, calendar: 'gregory' };
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** A time-formatting context: the recipient's locale tag and zone, with safe fallbacks. */
export interface TimeContext {
  /** BCP 47 tag to format with (keeps the region: ar-MA writes Latin digits, ar-EG Arabic ones). */
  locale: string;
  timeZone: string;
}

export function timeContext(
  locale: Locale,
  tag: string | null | undefined,
  zones: (string | null | undefined)[],
): TimeContext {
  let resolved: string = locale;
  try {
    const [supported] = tag ? Intl.DateTimeFormat.supportedLocalesOf([tag]) : [];
    // A tag of another language (fr-FR with English copy) would mix languages in one sentence.
    if (supported && supported.toLowerCase().split('-')[0] === locale) resolved = supported;
  } catch {
    // malformed tag: keep the base locale
  }
  const timeZone = zones.find((z): z is string => !!z && isIanaTimeZone(z)) ?? 'UTC';
  return { locale: resolved, timeZone };
}

/** "Thursday, 6 March 2025, 18:00–20:00 CET" in the context's locale and zone. */
export function formatRange(ctx: TimeContext, startsAt: Date, endsAt: Date): string {
  const format = formatter(ctx.locale, ctx.timeZone, 'long');
  return endsAt.getTime() > startsAt.getTime()
    ? format.formatRange(startsAt, endsAt)
    : format.format(startsAt);
}

/** "Thu, Mar 6, 6:00 PM", for subjects. */
export function formatShort(ctx: TimeContext, at: Date): string {
  return formatter(ctx.locale, ctx.timeZone, 'short').format(at);
}

/** Whether two zones show the same wall-clock time at this instant. */
export function sameWallClock(a: string, b: string, at: Date): boolean {
  return a === b || IANAZone.create(a).offset(at.getTime()) === IANAZone.create(b).offset(at.getTime());
}
