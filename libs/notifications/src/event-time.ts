import { isIanaTimeZone, type Locale } from '@app/core';
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
  const timeZone = zones.find((z): z is string => !!z && isIanaTimeZone(z)) ?? 'UTC';
  return { locale: resolveTag(locale, tag), timeZone };
}

const resolvedTags = new Map<string, string>();

/** The recipient's own tag when ICU supports it and it is of the copy's language; else the copy's locale. */
function resolveTag(locale: Locale, tag: string | null | undefined): string {
  if (!tag) return locale;
  const key = `${locale}|${tag}`;
  let resolved = resolvedTags.get(key);
  if (resolved === undefined) {
    resolved = locale;
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf([tag]);
      // A tag of another language (fr-FR with English copy) would mix languages in one sentence.
      if (supported && supported.toLowerCase().split('-')[0] === locale) resolved = supported;
    } catch {
      // malformed tag: keep the base locale
    }
    if (resolvedTags.size >= 1000) resolvedTags.clear();
    resolvedTags.set(key, resolved);
  }
  return resolved;
}

// Formatting a range is slow even with a cached formatter (ICU works out which fields differ), and
// every mail about one event formats the same range in a few locale/zone pairs: keep recent answers.
const RANGE_CACHE_SIZE = 1000;
const ranges = new Map<string, string>();

/** "Thursday, 6 March 2025, 18:00–20:00 CET" in the context's locale and zone. */
export function formatRange(ctx: TimeContext, startsAt: Date, endsAt: Date): string {
  const key = `${ctx.locale}|${ctx.timeZone}|${startsAt.getTime()}|${endsAt.getTime()}`;
  let text = ranges.get(key);
  if (text === undefined) {
    const format = formatter(ctx.locale, ctx.timeZone, 'long');
    text =
      endsAt.getTime() > startsAt.getTime() ? format.formatRange(startsAt, endsAt) : format.format(startsAt);
    if (ranges.size >= RANGE_CACHE_SIZE) ranges.clear();
    ranges.set(key, text);
  }
  return text;
}

/** "Thu, Mar 6, 6:00 PM", for subjects. */
export function formatShort(ctx: TimeContext, at: Date): string {
  return formatter(ctx.locale, ctx.timeZone, 'short').format(at);
}

/** Whether two zones show the same wall-clock time at this instant. */
export function sameWallClock(a: string, b: string, at: Date): boolean {
  return a === b || IANAZone.create(a).offset(at.getTime()) === IANAZone.create(b).offset(at.getTime());
}
