import type { Language } from './languages';

/**
 * The one place Hearth turns instants into words: member pages, mails and the admin app all format
 * dates, times and ranges here, with Intl only (no Node API: the admin app bundles this file).
 */

/** A time-formatting context: a BCP 47 tag to format with and an IANA zone to show the time in. */
export interface TimeContext {
  locale: string;
  timeZone: string;
}

const STYLES = {
  /** Mail bodies: "Thursday, March 6, 2025, 6:00 – 8:00 PM CET". */
  long: {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  },
  /** Mail subjects: "Thu, Mar 6, 6:00 PM". */
  short: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  /** Member pages: "Thursday 3 December 2026, 19:00–20:30 GMT". */
  event: {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  },
  /** Admin lists: "Thu 3 Dec 2026, 19:00–20:30 GMT". */
  compact: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  },
  /** A moment in a list: "3 Dec 2026, 19:00". */
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  /** A moment spelled out: "Thursday 3 December 2026 at 19:00". */
  full: { dateStyle: 'full', timeStyle: 'short' },
  /** A time of day: "19:00". */
  time: { timeStyle: 'short' },
  /** A time of day with a two-digit hour, for aligned lists (the admin calendar): "09:00". */
  clock: { hour: '2-digit', minute: '2-digit' },
  /** A calendar day: "3 December 2026". */
  day: { day: 'numeric', month: 'long', year: 'numeric' },
  /** A day of the month spoken, without the year: "Thursday 3 December". */
  dayOfMonth: { weekday: 'long', day: 'numeric', month: 'long' },
  /** A month's title: "December 2026". */
  month: { month: 'long', year: 'numeric' },
  /** Weekday names: "Thursday", "Thu". */
  weekday: { weekday: 'long' },
  weekdayShort: { weekday: 'short' },
  /** A date tile's day number and month: "3", "Dec". */
  tileDay: { day: 'numeric' },
  tileMonth: { month: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type TimeStyle = keyof typeof STYLES;

// Building a DateTimeFormat costs far more than using one, and fan-out renders thousands of mails
// with a handful of locale/zone pairs; formatters are immutable, so this is plain memoisation.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(ctx: TimeContext, style: TimeStyle): Intl.DateTimeFormat {
  const key = `${ctx.locale}|${ctx.timeZone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    // Gregorian always, so the text shows the same date as the calendar entry (ar-SA defaults to
    // the Islamic calendar); the digits stay the locale's own.
    const options: Intl.DateTimeFormatOptions = { ...STYLES[style], calendar: 'gregory' };
    try {
      format = new Intl.DateTimeFormat(ctx.locale, { ...options, timeZone: ctx.timeZone });
    } catch {
      // A zone this runtime does not know: UTC rather than nothing.
      format = new Intl.DateTimeFormat(ctx.locale, { ...options, timeZone: 'UTC' });
    }
    if (formatters.size >= 1000) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** The tag the member pages and the admin app write in: Arabic, or British English (24-hour clock). */
export function appLocale(language: Language): string {
  return language === 'ar' ? 'ar' : 'en-GB';
}

/** A context for member pages and the admin app: the language's tag, in the given zone. */
export function appTime(language: Language, timeZone: string): TimeContext {
  return { locale: appLocale(language), timeZone };
}

// Every mail asks about the same few zones; constructing a DateTimeFormat to find out is the costly part.
const knownZones = new Map<string, boolean>();

/** Whether a string names a zone this runtime knows ("Europe/London", "UTC"; not "+01:00"). */
export function isZoneName(name: string): boolean {
  if (name === 'UTC') return true;
  if (!/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size >= 1000) knownZones.clear();
    knownZones.set(name, known);
  }
  return known;
}

const resolvedTags = new Map<string, string>();

/** The recipient's own tag when ICU supports it and it is of the copy's language; else the language. */
function resolveTag(language: Language, tag: string | null | undefined): string {
  if (!tag) return language;
  const key = `${language}|${tag}`;
  let resolved = resolvedTags.get(key);
  if (resolved === undefined) {
    resolved = language;
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf([tag]);
      // A tag of another language (fr-FR with English copy) would mix languages in one sentence.
      if (supported && supported.toLowerCase().split('-')[0] === language) resolved = supported;
    } catch {
      // malformed tag: keep the base language
    }
    if (resolvedTags.size >= 1000) resolvedTags.clear();
    resolvedTags.set(key, resolved);
  }
  return resolved;
}

/**
 * A context for a mail: the recipient's own tag when it is of the mail's language (keeps the region:
 * ar-MA writes Latin digits, ar-EG Arabic ones), and the first valid zone of `zones`, else UTC.
 */
export function timeContext(
  language: Language,
  tag: string | null | undefined,
  zones: (string | null | undefined)[],
): TimeContext {
  const timeZone = zones.find((z): z is string => !!z && isZoneName(z)) ?? 'UTC';
  return { locale: resolveTag(language, tag), timeZone };
}

// Fan-out formats the same few instants (an event's start, in a handful of locale/zone pairs) for
// every recipient, and ICU's format() is what a mail's text spends most on: keep recent answers.
const instants = new Map<string, string>();

/** One instant in a style. */
export function formatDateTime(ctx: TimeContext, at: Date, style: TimeStyle = 'medium'): string {
  const key = `${ctx.locale}|${ctx.timeZone}|${style}|${at.getTime()}`;
  let text = instants.get(key);
  if (text === undefined) {
    text = formatter(ctx, style).format(at);
    if (instants.size >= 1000) instants.clear();
    instants.set(key, text);
  }
  return text;
}

// Formatting a range is slow even with a cached formatter (ICU works out which fields differ), and
// every mail about one event formats the same range in a few locale/zone pairs: keep recent answers.
const ranges = new Map<string, string>();

/** A range, with the parts both ends share written once; a range that does not end later is its start. */
export function formatRange(ctx: TimeContext, start: Date, end: Date, style: TimeStyle = 'long'): string {
  const key = `${ctx.locale}|${ctx.timeZone}|${style}|${start.getTime()}|${end.getTime()}`;
  let text = ranges.get(key);
  if (text === undefined) {
    const format = formatter(ctx, style);
    text = end.getTime() > start.getTime() ? format.formatRange(start, end) : format.format(start);
    if (ranges.size >= 1000) ranges.clear();
    ranges.set(key, text);
  }
  return text;
}

/**
 * A range spelled out with its zone name: "Thursday 3 December 2026 at 19:00 – 20:30 (Europe/London)";
 * the end repeats the date only when it falls on another day.
 */
export function formatRangeWithZone(ctx: TimeContext, start: Date, end: Date): string {
  const sameDay = formatDay(ctx, start) === formatDay(ctx, end);
  const to = sameDay ? formatDateTime(ctx, end, 'time') : formatDateTime(ctx, end, 'full');
  return `${formatDateTime(ctx, start, 'full')} – ${to} (${ctx.timeZone})`;
}

function formatDay(ctx: TimeContext, at: Date): string {
  return formatDateTime({ locale: 'en-CA', timeZone: ctx.timeZone }, at, 'day');
}

/** Day number and short month for a date tile. */
export function dateTile(ctx: TimeContext, at: Date): { day: string; month: string } {
  return { day: formatDateTime(ctx, at, 'tileDay'), month: formatDateTime(ctx, at, 'tileMonth') };
}

/** A calendar date given as YYYY-MM-DD ("3 December 2026"); anything else is returned as it is. */
export function formatCalendarDate(language: Language, date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return formatDateTime(appTime(language, 'UTC'), day, 'day');
}

/** Whether two zones show the same wall clock at this instant (then one time line is enough). */
export function sameWallClock(a: string, b: string, at: Date): boolean {
  if (a === b) return true;
  const clock = (timeZone: string): string => formatDateTime({ locale: 'en-GB', timeZone }, at, 'medium');
  return clock(a) === clock(b);
}
