import { DateTime } from 'luxon';
import { EVENT_KINDS, EventKind } from '../events/event.entity';

/**
 * What a visitor may filter the public listings by (`/events`, `/networking`, their feeds and
 * `GET /api/public/events`), as words: the event kinds themselves, plus `online` (anything with an
 * online part) and `networking` (virtual networking).
 */
export const LISTING_KINDS = [...EVENT_KINDS, 'online', 'networking'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

const KINDS_OF: Record<ListingKind, readonly EventKind[]> = {
  online_discussion: ['online_discussion'],
  in_person: ['in_person'],
  virtual_networking: ['virtual_networking'],
  hybrid: ['hybrid'],
  online: ['online_discussion', 'virtual_networking', 'hybrid'],
  networking: ['virtual_networking'],
};

export const kindsOf = (kind: ListingKind): readonly EventKind[] => KINDS_OF[kind];

/** The distance filter's radius: default, and the bounds a request must stay within. */
export const RADIUS_KM = { default: 25, min: 1, max: 500 } as const;

/** Mean Earth radius (IUGG), the one the SQL haversine uses too. */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Hidden venues take part in the distance filter at city-level precision only: their coordinates
 * rounded to this many decimals (0.1° ≈ 11 km), so typing coordinates cannot home in on an address.
 */
export const HIDDEN_VENUE_DECIMALS = 1;

export interface Coordinates {
  latitude: number;
  longitude: number;
}

const LAT_LNG = /^\s*([+-]?\d{1,3}(?:\.\d{1,10})?)\s*[,;\s]\s*([+-]?\d{1,3}(?:\.\d{1,10})?)\s*$/;

/** "52.52, 13.40" typed as a place: its coordinates; `invalid` when out of range, null when not coordinates. */
export function parseCoordinates(text: string): Coordinates | 'invalid' | null {
  const m = LAT_LNG.exec(text);
  if (!m) return null;
  const latitude = Number(m[1]);
  const longitude = Number(m[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return 'invalid';
  return { latitude, longitude };
}

/** Great-circle distance in km (the same formula as the listing's SQL). */
export function haversineKm(a: Coordinates, b: Coordinates): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day typed by a visitor, read in their zone: its first instant (`start`) or the first
 * instant of the next day (`end`, so `to` includes the day). Null for a day that does not exist.
 */
export function dayBoundary(day: string, zone: string, edge: 'start' | 'end'): Date | null {
  if (!DAY.test(day)) return null;
  const start = DateTime.fromISO(day, { zone });
  if (!start.isValid || start.toISODate() !== day) return null;
  return (edge === 'start' ? start : start.plus({ days: 1 })).startOf('day').toJSDate();
}
