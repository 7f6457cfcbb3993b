import { DomainError } from '@app/core';
import { ListingKind, PublicEventFilter, PublicEventsService } from '@app/events';
import { PublicEventsQuery } from '../events/public-events.dto';
import { PageForm } from './page-form';

/** The filter words a listing page and its feeds take (the API's, without limit and group). */
export const LISTING_PARAMS = [
  'kind',
  'q',
  'city',
  'near',
  'radiusKm',
  'language',
  'from',
  'to',
  'tag',
] as const;
export type ListingParam = (typeof LISTING_PARAMS)[number];

/** What the visitor typed, as strings (empty when not given), to fill the form and build links. */
export type ListingValues = Record<ListingParam, string>;

export type ParsedListing =
  | { ok: true; values: ListingValues; filter: PublicEventFilter }
  | { ok: false; values: ListingValues; invalid: ListingParam[] };

const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : '';

/** The listing words of a page's query string, trimmed (a repeated word counts once: the first). */
export function listingValues(query: Record<string, unknown>): ListingValues {
  const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
  const values = {} as ListingValues;
  for (const key of LISTING_PARAMS) values[key] = text(first(query[key]), 200);
  return values;
}

/**
 * A listing page's query (HTML, .ics, Atom) judged by the API's rules: the same DTO, then the same
 * service. Empty words are not filters (a submitted form sends every field); anything refused is
 * named, for the page to say so kindly instead of failing.
 */
export async function parseListing(
  service: PublicEventsService,
  query: Record<string, unknown>,
  options: { zone: string; lockedKind?: ListingKind; limit: number },
): Promise<ParsedListing> {
  const values = listingValues(query);
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  if (options.lockedKind) delete given.kind;
  const cursor = text(query.cursor, 200);
  const { form, invalid } = new PageForm(PublicEventsQuery, {
    ...given,
    ...(cursor ? { cursor } : {}),
  }).check();
  if (invalid.length > 0) {
    return { ok: false, values, invalid: invalid.filter((f): f is ListingParam => isParam(f)) };
  }
  try {
    const filter = await service.resolve({
      ...form,
      kind: options.lockedKind ?? form.kind,
      limit: options.limit,
      zone: options.zone,
    });
    return { ok: true, values, filter };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'LISTING_FILTER_INVALID') throw error;
    const fields = (error.details?.fields ?? []) as Array<{ field: string }>;
    return { ok: false, values, invalid: fields.map((f) => f.field).filter(isParam) };
  }
}

const isParam = (field: string): field is ListingParam =>
  (LISTING_PARAMS as readonly string[]).includes(field);

/** The query string of a listing's filter (non-empty words only), for feeds and "more". */
export function listingSearch(values: ListingValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of LISTING_PARAMS) if (values[key]) params.set(key, values[key]);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `?${search}` : '';
}
