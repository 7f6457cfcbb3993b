import { DateTime } from 'luxon';
import { RRule } from 'rrule';

export const MAX_OCCURRENCES = 104;
export const MAX_HORIZON_DAYS = 730;

export interface Occurrence {
  index: number;
  startsAt: Date;
  endsAt: Date;
}

export type RecurrenceResult = { ok: true; occurrences: Occurrence[] } | { ok: false; reason: string };

/**
 * Expands an RRULE in the event's own time zone: "every Tuesday at 19:00 Europe/Berlin" stays 19:00
 * local across DST changes. rrule works on floating times, so local wall-clock components are fed in
 * as if UTC and each result is turned back into an instant in the zone with luxon. Occurrences are
 * materialised up to the horizon (and at most MAX_OCCURRENCES), each becoming its own event.
 */
export function expandRecurrence(input: {
  rule: string;
  firstStartsAt: Date;
  durationMs: number;
  timezone: string;
  horizonUntil: Date;
}): RecurrenceResult {
  const { rule, firstStartsAt, durationMs, timezone, horizonUntil } = input;
  if (!/^(RRULE:)?FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/i.test(rule.trim())) {
    return { ok: false, reason: 'rule must be an RRULE such as FREQ=WEEKLY;BYDAY=TU;COUNT=6' };
  }
  let options;
  try {
    options = RRule.parseString(rule.trim().replace(/^RRULE:/i, ''));
  } catch {
    return { ok: false, reason: 'rule could not be parsed' };
  }
  if (options.dtstart || options.tzid) return { ok: false, reason: 'rule must not carry DTSTART or TZID' };
  const local = DateTime.fromJSDate(firstStartsAt, { zone: timezone });
  if (!local.isValid) return { ok: false, reason: 'invalid time zone' };
  const floating = (d: DateTime): Date =>
    new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second));
  const horizonLocal = floating(DateTime.fromJSDate(horizonUntil, { zone: timezone }));
  const maxHorizon = floating(local.plus({ days: MAX_HORIZON_DAYS }));
  const until = horizonLocal < maxHorizon ? horizonLocal : maxHorizon;
  let dates: Date[];
  try {
    const rrule = new RRule({ ...options, dtstart: floating(local) });
    dates = rrule.between(floating(local), until, true, (_, i) => i < MAX_OCCURRENCES);
  } catch {
    return { ok: false, reason: 'rule could not be expanded' };
  }
  const occurrences = dates.map((d, index) => {
    const startsAt = DateTime.fromObject(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
      },
      { zone: timezone },
    ).toJSDate();
    return { index, startsAt, endsAt: new Date(startsAt.getTime() + durationMs) };
  });
  if (occurrences.length === 0) return { ok: false, reason: 'rule yields no occurrence before the horizon' };
  return { ok: true, occurrences };
}
