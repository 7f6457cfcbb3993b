import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastJson from 'fast-json-stringify';
import { EVENT_SCHEMA, PASS_THROUGH_OBJECT, PUBLIC_EVENT_PAGE_SCHEMA } from './event.response-schema';

type Schema = Record<string, unknown>;

const document = JSON.parse(readFileSync(join(__dirname, '../../../admin/src/api/openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};

/** The component with its $refs inlined, and only what a serializer reads (no descriptions). */
function resolved(schema: Schema): Schema {
  if (typeof schema.$ref === 'string') {
    return resolved(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key === 'example') continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, resolved(v)]),
      );
    } else if (key === 'items') out.items = resolved(value as Schema);
    else if (key === 'required') out.required = [...(value as string[])].sort();
    else out[key] = value;
  }
  return out;
}

/** Differences between ours and the document's, by path; a pass-through field only needs to be an object. */
function differences(ours: Schema, theirs: Schema, path = '$'): string[] {
  if (ours === PASS_THROUGH_OBJECT) return theirs.type === 'object' ? [] : [`${path}: not an object`];
  const problems: string[] = [];
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const a = ours[key];
    const b = theirs[key];
    if (key === 'properties') {
      const pa = (a ?? {}) as Record<string, Schema>;
      const pb = (b ?? {}) as Record<string, Schema>;
      for (const name of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
        if (!pa[name] || !pb[name])
          problems.push(`${path}.${name}: only in ${pa[name] ? 'ours' : 'the document'}`);
        else problems.push(...differences(pa[name], pb[name], `${path}.${name}`));
      }
    } else if (key === 'items') {
      problems.push(...differences(a as Schema, b as Schema, `${path}[]`));
    } else {
      const norm = (v: unknown) => JSON.stringify(key === 'required' && Array.isArray(v) ? [...v].sort() : v);
      if (norm(a) !== norm(b)) problems.push(`${path}.${key}: ${norm(a)} ≠ ${norm(b)}`);
    }
  }
  return problems;
}

describe('Fastify response schemas of the hot reads', () => {
  it.each([
    ['PublicEventPageResponse', PUBLIC_EVENT_PAGE_SCHEMA],
    ['EventResponse', EVENT_SCHEMA],
  ])('%s is exactly what the OpenAPI document shows', (name, schema) => {
    expect(differences(schema as Schema, resolved(document.components.schemas[name]))).toEqual([]);
  });

  it('serialises stored JSON unchanged, nulls as null and optional fields only when present', () => {
    const serialize = fastJson(EVENT_SCHEMA as never);
    const accessibility = { stepFreeAccess: null, notes: 'ask', futureKey: 1 };
    const event = {
      id: 'e',
      group: { slug: 's', name: 'n' },
      seriesId: null,
      topicId: null,
      kind: 'hybrid',
      title: 't',
      description: 'd',
      startsAt: '2030-01-01T10:00:00.000Z',
      endsAt: '2030-01-01T11:00:00.000Z',
      timezone: 'UTC',
      status: 'scheduled',
      venueName: null,
      venueAddress: null,
      joinUrl: null,
      city: 'Bristol',
      latitude: null,
      longitude: null,
      language: 'en',
      locationHidden: true,
      accessibility,
      capacity: null,
      onlineCapacity: 3,
      waitlistEnabled: false,
      guestsAllowed: 0,
      approvalRequired: false,
      rsvpOpensAt: null,
      rsvpClosesAt: '2030-01-01T09:00:00.000Z',
      questions: [{ id: 'q', label: 'Why?', required: true, extra: ['x'] }],
      cocRequired: false,
      tags: ['a'],
      sequence: 2,
      myRsvp: null,
      permissions: { edit: false, seeAttendees: true },
    };
    expect(JSON.parse(serialize(event))).toEqual(event);
  });
});
