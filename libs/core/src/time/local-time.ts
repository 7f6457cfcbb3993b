import { DateTime, IANAZone } from 'luxon';

/**
 * A wall-clock date and time with no offset ("19:00 on 28 March 2027"); it only becomes an instant
 * when read in a zone, where it may not exist (clocks go forward) or exist twice (clocks go back).
 */
export class LocalDateTime {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second = 0,
  ) {}

  /** YYYY-MM-DDTHH:MM[:SS] with no offset; null for anything else or a day that is not in the calendar. */
  static parse(text: string): LocalDateTime | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
    if (!m) return null;
    const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    const asUtc = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    if (h > 23 || mi > 59 || s > 59 || asUtc.getUTCDate() !== d || asUtc.getUTCMonth() !== mo - 1)
      return null;
    return new LocalDateTime(y, mo, d, h, mi, s);
  }

  /** The wall time read as if it were UTC: a number to do wall-clock arithmetic on. */
  get asUtcMs(): number {
    return Date.UTC(this.year, this.month - 1, this.day, this.hour, this.minute, this.second);
  }

  get date(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  get time(): string {
    return `${pad(this.hour)}:${pad(this.minute)}`;
  }
}

export type LocalTimeResolution =
  | { kind: 'exact'; instant: Date; offsetMinutes: number }
  /** Clocks jump from `from` to `to` (wall times) that day; the time asked for is between them. */
  | { kind: 'gap'; zone: string; local: LocalDateTime; from: string; to: string }
  /** The wall time happens twice: first at `offsets[0]`, then at `offsets[1]` (minutes east of UTC). */
  | { kind: 'ambiguous'; zone: string; local: LocalDateTime; offsets: [number, number] };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Reads a wall time in an IANA zone. Offsets a day either side cover any transition near it; a
 * candidate offset is right when the zone really has that offset at the instant it gives. None right
 * means a gap, two an overlap. Throws for a zone luxon does not know (callers validate zones first).
 */
export function resolveLocalTime(local: LocalDateTime, zone: string): LocalTimeResolution {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw new Error(`unknown time zone ${zone}`);
  const wallMs = local.asUtcMs;
  const offsetAt = (ms: number): number => tz.offset(ms);
  const before = offsetAt(wallMs - DAY_MS);
  const after = offsetAt(wallMs + DAY_MS);
  const valid = [...new Set([before, after])]
    .filter((offset) => offsetAt(wallMs - offset * MINUTE_MS) === offset)
    .sort((a, b) => b - a);
  if (valid.length === 1)
    return { kind: 'exact', instant: new Date(wallMs - valid[0] * MINUTE_MS), offsetMinutes: valid[0] };
  if (valid.length === 2) return { kind: 'ambiguous', zone, local, offsets: [valid[0], valid[1]] };
  // In a gap: find the transition instant, then read it with the offsets either side of it.
  let lo = wallMs - DAY_MS;
  let hi = wallMs + DAY_MS;
  while (hi - lo > MINUTE_MS) {
    const mid = Math.floor((lo + hi) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return {
    kind: 'gap',
    zone,
    local,
    from: wallClock(hi + before * MINUTE_MS),
    to: wallClock(hi + after * MINUTE_MS),
  };
}

/** "+02:00" for 120, "-03:30" for -210. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The English sentence the API answers with for a wall time that is not exactly one instant. */
export function describeLocalTimeProblem(problem: Exclude<LocalTimeResolution, { kind: 'exact' }>): string {
  const day = DateTime.fromObject(
    { year: problem.local.year, month: problem.local.month, day: problem.local.day },
    { zone: 'UTC', locale: 'en-GB' },
  ).toFormat('d LLLL yyyy');
  if (problem.kind === 'gap') {
    return `${problem.local.time} does not exist in ${problem.zone} on ${day}: clocks go from ${problem.from} to ${problem.to}`;
  }
  const [first, second] = problem.offsets.map(formatUtcOffset);
  return `${problem.local.time} happens twice in ${problem.zone} on ${day}: give it with an offset, ${first} for the first or ${second} for the second`;
}

function wallClock(msAsUtc: number): string {
  const d = new Date(msAsUtc);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
