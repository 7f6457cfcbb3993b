import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime, IANAZone } from 'luxon';

/*
 * Local times and VTIMEZONEs.
 *
 * The VTIMEZONEs come from @touch4it/ical-timezones: tzdata 2018g reduced to the current rule (the
 * shape Outlook reads best). Several zones have changed since (Cairo, Amman, Damascus, Casablanca,
 * Tehran, Mexico City, São Paulo, …). Outlook places an event by our VTIMEZONE while Google and
 * Apple use their own database for an IANA TZID, so a stale VTIMEZONE would show the event at
 * different times in different clients. A zone is therefore used for a year only when its
 * VTIMEZONE has exactly the transitions the runtime's (current) tzdata has in that year; otherwise
 * the times are written in UTC, which every client places right (DESIGN §4: "or are UTC").
 */

interface Observance {
  from: number;
  to: number;
  /** Yearly rule: the `week`th (−1 = last) `weekday` (0 = Sunday) of `month`, at `seconds` local. */
  rule: { month: number; week: number; weekday: number; seconds: number } | null;
}

interface Transition {
  at: number;
  before: number;
  after: number;
}

interface ZoneYear {
  agrees: boolean;
  initial: number;
  transitions: Transition[];
}

interface ZoneDefinition {
  /** The TZID the VTIMEZONE declares; aliases resolve to it (Asia/Calcutta → Asia/Kolkata, …). */
  tzid: string;
  vtimezone: string;
  observances: Observance[];
  zone: TabulatedZone;
}

const DAY = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const UTC_NAMES = /^(?:Etc\/)?(?:UTC|UCT|GMT|GMT[+-]?0|Zulu|Universal|Greenwich)$/;
// Lines the bundled files carry that Hearth does not send: TZURL points at a third-party server
// (clients should not fetch anything for our events) and X-LIC-LOCATION is a libical extension.
const DROPPED_LINES = /^(?:TZURL|X-LIC-LOCATION)[;:]/;

/**
 * The IANA zone with offsets read from verified per-year tables instead of one Intl call each.
 * Being an IANAZone of the same name, ical-generator's `setZone(TZID)` keeps it as it is.
 */
class TabulatedZone extends IANAZone {
  private readonly years = new Map<number, ZoneYear>();

  year(year: number): ZoneYear | undefined {
    return this.years.get(year);
  }

  remember(year: number, table: ZoneYear): void {
    this.years.set(year, table);
  }

  override offset(ts: number): number {
    const table = this.years.get(new Date(ts).getUTCFullYear());
    if (!table) return super.offset(ts);
    let offset = table.initial;
    for (const t of table.transitions) {
      if (t.at > ts) break;
      offset = t.after;
    }
    return offset;
  }
}

// Zone data never changes within a process: these caches are memoisation, not state. Only names
// @touch4it/ical-timezones knows are cached (~600), and per zone only the years events fall in.
const definitions = new Map<string, ZoneDefinition | null>();
const byTzid = new Map<string, ZoneDefinition>();

const parseOffset = (value: string): number | null => {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60) : null;
};

/** The observances of a VTIMEZONE of the two shapes the bundled files have, else null. */
function parseObservances(lines: string[]): Observance[] | null {
  const observances: Observance[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') current = {};
    else if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
      if (!current) return null;
      const from = parseOffset(current.TZOFFSETFROM ?? '');
      const to = parseOffset(current.TZOFFSETTO ?? '');
      const start = /^\d{8}T(\d{2})(\d{2})(\d{2})$/.exec(current.DTSTART ?? '');
      if (from === null || to === null || !start) return null;
      let rule: Observance['rule'] = null;
      if (current.RRULE !== undefined) {
        const r = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=(-1|[1-4])(SU|MO|TU|WE|TH|FR|SA)$/.exec(
          current.RRULE,
        );
        if (!r) return null;
        const seconds = Number(start[1]) * 3600 + Number(start[2]) * 60 + Number(start[3]);
        rule = { month: Number(r[1]), week: Number(r[2]), weekday: WEEKDAYS.indexOf(r[3]), seconds };
      }
      observances.push({ from, to, rule });
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  const fixed = observances.length === 1 && observances[0].rule === null;
  const yearly = observances.length === 2 && observances.every((o) => o.rule !== null);
  return fixed || yearly ? observances : null;
}

function loadDefinition(zone: string): ZoneDefinition | null {
  const cached = definitions.get(zone);
  if (cached !== undefined) return cached;
  const raw = getVtimezoneComponent(zone);
  if (!raw) return null;
  const lines = raw.split(/\r?\n/).filter((line) => line !== '' && !DROPPED_LINES.test(line));
  const tzid = lines.find((line) => line.startsWith('TZID:'))?.slice(5);
  const observances = parseObservances(lines);
  const definition =
    tzid && observances && IANAZone.isValidZone(tzid)
      ? { tzid, vtimezone: lines.join('\r\n'), observances, zone: new TabulatedZone(tzid) }
      : null;
  definitions.set(zone, definition);
  if (definition) byTzid.set(definition.tzid, definition);
  return definition;
}

/** The VTIMEZONE's transitions (UTC instants) whose local date falls in `year`. */
function ruleTransitions(observances: Observance[], year: number): Transition[] {
  const out: Transition[] = [];
  for (const { from, to, rule } of observances) {
    if (!rule) continue;
    let day: number;
    if (rule.week > 0) {
      const first = new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay();
      day = 1 + ((rule.weekday - first + 7) % 7) + (rule.week - 1) * 7;
    } else {
      const last = new Date(Date.UTC(year, rule.month, 0));
      day = last.getUTCDate() - ((last.getUTCDay() - rule.weekday + 7) % 7);
    }
    const local = Date.UTC(year, rule.month - 1, day) + rule.seconds * 1000;
    out.push({ at: local - from * 60_000, before: from, after: to });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The tzdata transitions in `year`, found by daily probes and a binary search to the second. */
function tzdataYear(zone: IANAZone, year: number): { initial: number; transitions: Transition[] } {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const initial = zone.offset(start);
  const transitions: Transition[] = [];
  let lo = start;
  let before = initial;
  while (lo < end) {
    const hi = Math.min(lo + DAY, end);
    const after = zone.offset(hi);
    if (after !== before) {
      let a = lo;
      let b = hi;
      while (b - a > 1000) {
        const mid = a + Math.floor((b - a) / 2000) * 1000;
        if (zone.offset(mid) === before) a = mid;
        else b = mid;
      }
      if (b < end) transitions.push({ at: b, before, after });
      before = after;
    }
    lo = hi;
  }
  return { initial, transitions };
}

function zoneYear(definition: ZoneDefinition, year: number): ZoneYear {
  const known = definition.zone.year(year);
  if (known) return known;
  const tzdata = tzdataYear(definition.zone, year);
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const rules = [year - 1, year, year + 1].flatMap((y) => ruleTransitions(definition.observances, y));
  const inYear = rules.filter((t) => t.at >= start && t.at < end);
  const earlier = rules.filter((t) => t.at < start);
  const initial = earlier.length ? earlier[earlier.length - 1].after : definition.observances[0].to;
  const agrees =
    initial === tzdata.initial &&
    inYear.length === tzdata.transitions.length &&
    inYear.every((t, i) => t.at === tzdata.transitions[i].at && t.after === tzdata.transitions[i].after);
  const table = { agrees, ...tzdata };
  definition.zone.remember(year, table);
  return table;
}

/**
 * Whether the local time of `at` happens twice (the hour repeated when clocks go back). RFC 5545
 * resolves it to the first occurrence but clients differ, so such an instant is written in UTC.
 */
function repeatedLocalTime(definition: ZoneDefinition, at: number, offset: number): boolean {
  const local = at + offset * 60_000;
  const years = new Set([new Date(at - DAY).getUTCFullYear(), new Date(at + DAY).getUTCFullYear()]);
  for (const y of years) {
    for (const t of zoneYear(definition, y).transitions) {
      if (t.after < t.before && local >= t.at + t.after * 60_000 && local < t.at + t.before * 60_000) {
        return true;
      }
    }
  }
  return false;
}

/** Instants as local times of one zone. */
export interface ZonedTimes {
  tzid: string;
  times: DateTime[];
}

/**
 * The instants as local times with the TZID to write them with (its VTIMEZONE from
 * `vtimezoneFor`), or null to write them in UTC: UTC events, zones without a usable VTIMEZONE,
 * years whose VTIMEZONE disagrees with current tzdata, and repeated local times.
 */
export function zonedTimes(zone: string, instants: readonly Date[]): ZonedTimes | null {
  const zoned = zonedOffsets(zone, instants);
  if (!zoned) return null;
  const { definition } = zoned;
  return {
    tzid: definition.tzid,
    times: instants.map((instant) => DateTime.fromMillis(instant.getTime(), { zone: definition.zone })),
  };
}

/** The same decision as `zonedTimes`, with each local time as DATE-TIME text (`20260115T180000`). */
export interface ZonedLocalTimes {
  tzid: string;
  locals: string[];
}

/**
 * `zonedTimes` without a Luxon DateTime per instant, for feeds of thousands of events: the local
 * time is the instant plus the zone's offset, formatted as RFC 5545 local DATE-TIME (what Luxon's
 * `toFormat("yyyyLLdd'T'HHmmss")` gives for the same zone; the feed writer's tests compare them).
 */
export function zonedLocalTimes(zone: string, instants: readonly Date[]): ZonedLocalTimes | null {
  const zoned = zonedOffsets(zone, instants);
  if (!zoned) return null;
  return {
    tzid: zoned.definition.tzid,
    locals: instants.map((instant, i) => localDateTime(instant.getTime() + zoned.offsets[i] * 60_000)),
  };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A wall-clock time held as a UTC instant, as `YYYYMMDDTHHMMSS`. */
function localDateTime(wall: number): string {
  const d = new Date(wall);
  return (
    String(d.getUTCFullYear()).padStart(4, '0') +
    pad2(d.getUTCMonth() + 1) +
    pad2(d.getUTCDate()) +
    'T' +
    pad2(d.getUTCHours()) +
    pad2(d.getUTCMinutes()) +
    pad2(d.getUTCSeconds())
  );
}

/** The zone's definition and each instant's offset (minutes), or null where UTC is written. */
function zonedOffsets(
  zone: string,
  instants: readonly Date[],
): { definition: ZoneDefinition; offsets: number[] } | null {
  if (UTC_NAMES.test(zone)) return null;
  const definition = loadDefinition(zone);
  if (!definition) return null;
  const offsets: number[] = [];
  for (const instant of instants) {
    const at = instant.getTime();
    const before = new Date(at - DAY).getUTCFullYear();
    const after = new Date(at + DAY).getUTCFullYear();
    if (!zoneYear(definition, before).agrees || !zoneYear(definition, after).agrees) return null;
    // What Luxon's DateTime.fromMillis(at, { zone }).offset is: the tabulated zone's offset.
    const offset = definition.zone.offset(at);
    // An alias is written as its TZID; the zone the event was planned in must agree with it.
    if (definition.tzid !== zone && IANAZone.create(zone).offset(at) !== offset) return null;
    if (repeatedLocalTime(definition, at, offset)) return null;
    offsets.push(offset);
  }
  return { definition, offsets };
}

/** The VTIMEZONE component for a TZID returned by `zonedTimes`. */
export function vtimezoneFor(tzid: string): string | null {
  return byTzid.get(tzid)?.vtimezone ?? null;
}
