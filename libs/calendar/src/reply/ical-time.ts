import type ICAL from 'ical.js';
import { ical } from './ical-module';
import { DateTime } from 'luxon';
import { ReplyDateTime } from './reply.types';

/** TZID → the calendar's own VTIMEZONE definition. Never the process-wide ical.js registry. */
export type ZoneTable = ReadonlyMap<string, ICAL.Timezone>;

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Outside this range a crafted VTIMEZONE would make ical.js expand its rules for a very long time,
// and no event we schedule lives there.
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/**
 * Every VTIMEZONE of the calendar, keyed by TZID. RFC 5545 §3.6.5: a TZID refers to the VTIMEZONE
 * in the same object, so Outlook's "Sarajevo, Skopje, Warsaw, Zagreb" resolves through its own
 * rules; a broken definition is skipped and the time stays unresolved.
 */
export function zoneTable(calendar: ICAL.Component): Map<string, ICAL.Timezone> {
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid !== 'string' || zones.has(tzid)) continue;
    try {
      zones.set(tzid, new (ical().Timezone)(vtimezone));
    } catch {
      // unusable definition: times in it stay unresolved
    }
  }
  return zones;
}

/** A DATE or DATE-TIME property (DTSTART, RECURRENCE-ID, DTSTAMP…) read without touching global state. */
export function readDateTime(property: ICAL.Property | null, zones: ZoneTable): ReplyDateTime | undefined {
  if (!property) return undefined;
  const time = property.getFirstValue();
  if (!(time instanceof ical().Time)) return undefined;
  const tzidParam = property.getParameter('tzid');
  const tzid = typeof tzidParam === 'string' && tzidParam.length > 0 ? tzidParam : undefined;
  const fields = fieldsOf(time);
  const utc = !tzid && time.zone?.tzid === 'UTC';
  const value = formatIcal(fields, time.isDate, utc);
  const iso = resolve(fields, { allDay: time.isDate, utc, tzid }, zones);
  return { value, ...(tzid ? { tzid } : {}), allDay: time.isDate, iso };
}

/**
 * Parses the compact values Apple puts inside TO-ALL-PROPOSED-NEW-TIME (`20201225T083000Z`,
 * `20201225T093000`, `20201225`). A floating value is read in `floatingTzid`, the event's zone.
 */
export function readCompactValue(
  value: string,
  floatingTzid: string | undefined,
  zones: ZoneTable,
): ReplyDateTime | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value.trim());
  if (!m) return undefined;
  const allDay = m[4] === undefined;
  const utc = m[7] === 'Z';
  const fields: LocalFields = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: allDay ? 0 : Number(m[4]),
    minute: allDay ? 0 : Number(m[5]),
    second: allDay ? 0 : Number(m[6]),
  };
  if (!validFields(fields)) return undefined;
  const tzid = allDay || utc ? undefined : floatingTzid;
  const iso = resolve(fields, { allDay, utc, tzid }, zones);
  return { value: value.trim(), ...(tzid ? { tzid } : {}), allDay, iso };
}

/** `start` moved by `seconds` (whole days for a DATE), in the same ISO form. */
export function addSeconds(start: string, allDay: boolean, seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  if (allDay) {
    const days = Math.round(seconds / 86_400);
    const date = new Date(`${start}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime())) return null;
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }
  const t = Date.parse(start);
  return Number.isNaN(t) ? null : new Date(t + seconds * 1000).toISOString();
}

/** Seconds between two resolved values of the same kind, or null. */
export function secondsBetween(start: ReplyDateTime, end: ReplyDateTime): number | null {
  if (start.iso === null || end.iso === null || start.allDay !== end.allDay) return null;
  const from = start.allDay ? Date.parse(`${start.iso}T00:00:00Z`) : Date.parse(start.iso);
  const to = end.allDay ? Date.parse(`${end.iso}T00:00:00Z`) : Date.parse(end.iso);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return null;
  return (to - from) / 1000;
}

function fieldsOf(time: ICAL.Time): LocalFields {
  return {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
}

function resolve(
  fields: LocalFields,
  kind: { allDay: boolean; utc: boolean; tzid: string | undefined },
  zones: ZoneTable,
): string | null {
  if (!validFields(fields)) return null;
  if (kind.allDay) return `${pad(fields.year, 4)}-${pad(fields.month, 2)}-${pad(fields.day, 2)}`;
  if (kind.utc) return isoFromUtcFields(fields, 0);
  if (!kind.tzid) return null; // floating: RFC 5545 §3.3.5 form #1 has no instant of its own
  const zone = zones.get(kind.tzid);
  if (zone) {
    try {
      const offset = zone.utcOffset(ical().Time.fromData({ ...fields, isDate: false }));
      return Number.isFinite(offset) ? isoFromUtcFields(fields, offset) : null;
    } catch {
      return null;
    }
  }
  if (!isIanaZoneName(kind.tzid)) return null;
  const dt = DateTime.fromObject(fields, { zone: kind.tzid });
  return dt.isValid ? dt.toUTC().toJSDate().toISOString() : null;
}

function isoFromUtcFields(f: LocalFields, offsetSeconds: number): string {
  const ms = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - offsetSeconds * 1000;
  return new Date(ms).toISOString();
}

function validFields(f: LocalFields): boolean {
  if (!Number.isInteger(f.year) || f.year < MIN_YEAR || f.year > MAX_YEAR) return false;
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31) return false;
  return f.hour >= 0 && f.hour <= 23 && f.minute >= 0 && f.minute <= 59 && f.second >= 0 && f.second <= 60;
}

// Same rule as @app/core's isIanaTimeZone (kept local so this pure parser loads no Nest modules):
// abbreviations such as EST or CET are ambiguous across clients and stay unresolved.
function isIanaZoneName(name: string): boolean {
  if (name !== 'UTC' && !/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function formatIcal(f: LocalFields, allDay: boolean, utc: boolean): string {
  const date = `${pad(f.year, 4)}${pad(f.month, 2)}${pad(f.day, 2)}`;
  if (allDay) return date;
  return `${date}T${pad(f.hour, 2)}${pad(f.minute, 2)}${pad(f.second, 2)}${utc ? 'Z' : ''}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
