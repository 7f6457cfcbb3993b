/**
 * Wall-clock times in a named IANA zone ↔ instants, with the browser's Intl data only. An organizer
 * types "19:00 on 29 March" for Europe/London; the API needs "2026-03-29T19:00:00+01:00". The offset
 * is the zone's at that moment, not today's and not the browser's (DST differs between the two).
 */

export interface WallTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM (24-hour) */
  time: string;
}

export interface ZonedResult {
  /** ISO-8601 with the zone's offset at that moment, e.g. 2026-03-29T19:00:00+01:00. */
  iso: string;
  /** Offset in minutes east of UTC. */
  offsetMinutes: number;
  /**
   * 'gap': the wall time does not exist that day (clocks went forward), it was moved forward by the
   * jump. 'ambiguous': it happens twice (clocks went back); the first occurrence is used (RFC 5545 §3.3.5)
   * unless `preferOffset` picks the second. The event form refuses both, as the API does.
   */
  note: 'gap' | 'ambiguous' | null;
  /** The wall time actually used (differs from the input only for a gap). */
  wall: WallTime;
  /** For a gap: the wall clock jumps from `from` to `to` (HH:MM). */
  gap: { from: string; to: string } | null;
  /** For an overlap: the zone's offsets at the first and at the second occurrence, in minutes. */
  offsets: [number, number] | null;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fieldsAt(instantMs: number, zone: string): Fields {
  const parts = formatterFor(zone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's offset from UTC at an instant, in minutes (east positive). Throws for an unknown zone. */
export function offsetAt(instantMs: number, zone: string): number {
  const f = fieldsAt(instantMs, zone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** The wall time (date and HH:MM) of an instant in a zone. */
export function wallTimeOf(instant: string | number | Date, zone: string): WallTime {
  const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  const f = fieldsAt(ms, zone);
  return { date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`, time: `${pad(f.hour)}:${pad(f.minute)}` };
}

function parseWall(wall: WallTime): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(wall.date);
  const t = /^(\d{2}):(\d{2})$/.exec(wall.time);
  if (!d || !t) return null;
  const [y, m, day, h, min] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  if (m < 1 || m > 12 || day < 1 || day > 31 || h > 23 || min > 59) return null;
  const ms = Date.UTC(y, m - 1, day, h, min);
  const check = new Date(ms);
  // 31 February is not a date.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== m - 1) return null;
  return ms;
}

/**
 * A wall time in a zone as an ISO string with that moment's offset. Returns null for a malformed
 * date or time, or a zone the browser does not know.
 */
export function zonedToIso(wall: WallTime, zone: string, preferOffset?: number): ZonedResult | null {
  const wallMs = parseWall(wall);
  if (wallMs === null) return null;
  let candidates: number[];
  try {
    // Offsets either side of the day cover any transition near this wall time.
    candidates = [...new Set([offsetAt(wallMs - DAY_MS, zone), offsetAt(wallMs + DAY_MS, zone)])];
  } catch {
    return null;
  }
  const valid = candidates
    .map((offset) => wallMs - offset * 60_000)
    .filter((instant) => offsetAt(instant, zone) * 60_000 + instant === wallMs)
    .sort((a, b) => a - b);
  let instant: number;
  let note: ZonedResult['note'] = null;
  let gap: ZonedResult['gap'] = null;
  let offsets: ZonedResult['offsets'] = null;
  if (valid.length === 0) {
    // In a spring-forward gap: read the time with the offset before the jump, which lands after it.
    const before = offsetAt(wallMs - DAY_MS, zone);
    instant = wallMs - before * 60_000;
    note = 'gap';
    gap = gapAround(wallMs, zone, before);
  } else {
    instant = valid[0];
    if (valid.length > 1) {
      note = 'ambiguous';
      offsets = [(wallMs - valid[0]) / 60_000, (wallMs - valid[1]) / 60_000];
      if (preferOffset !== undefined && preferOffset === offsets[1]) instant = valid[1];
    }
  }
  const offsetMinutes = offsetAt(instant, zone);
  const used = wallTimeOf(instant, zone);
  return {
    iso: `${used.date}T${used.time}:00${formatOffset(offsetMinutes)}`,
    offsetMinutes,
    note,
    wall: used,
    gap,
    offsets,
  };
}

/** The wall-clock jump of the transition within a day of `wallMs`: from the old offset to the new. */
function gapAround(wallMs: number, zone: string, before: number): { from: string; to: string } {
  let lo = wallMs - DAY_MS;
  let hi = wallMs + DAY_MS;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
    if (offsetAt(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  const clock = (ms: number): string => {
    const d = new Date(ms);
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  return { from: clock(hi + before * 60_000), to: clock(hi + offsetAt(hi, zone) * 60_000) };
}

/** Adds whole minutes to a wall time as a clock would read it (ignores DST: for durations use instants). */
export function addMinutesToWall(wall: WallTime, minutes: number): WallTime | null {
  const ms = parseWall(wall);
  if (ms === null) return null;
  const d = new Date(ms + minutes * 60_000);
  return {
    date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const next = addMinutesToWall({ date, time: '00:00' }, days * 24 * 60);
  return next ? next.date : date;
}
