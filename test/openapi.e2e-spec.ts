import { TestApp, startTestApp } from './support/app';
import { groupWithTopic } from './support/fixtures';
import { createEvent } from './support/inbound';

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string; type?: string; items?: unknown } }>;
}
type Operation = { responses?: Record<string, Response> };
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
}
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      Operation & { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

/**
 * Where a response body disagrees with its documented schema: a required property missing, a
 * property the schema does not declare, null where it is not nullable, an array or object where the
 * schema says otherwise. Nested objects and array items are checked too.
 */
function mismatches(doc: Doc, schema: Schema, value: unknown, at: string): string[] {
  const resolve = (s: Schema): Schema =>
    s.$ref ? resolve(doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {}) : s;
  const s = resolve(schema);
  if (value === null) return s.nullable ? [] : [`${at}: null, but not nullable`];
  if (s.allOf) return s.allOf.flatMap((part) => mismatches(doc, part, value, at));
  if (s.oneOf) {
    const fits = s.oneOf.map((option) => mismatches(doc, option, value, at));
    return fits.some((f) => f.length === 0) ? [] : [`${at}: fits none of oneOf (${fits.flat().join('; ')})`];
  }
  if (s.type === 'array' || s.items) {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((item, i) => (s.items ? mismatches(doc, s.items, item, `${at}[${i}]`) : []));
  }
  if (s.properties) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
    const body = value as Record<string, unknown>;
    const problems = (s.required ?? [])
      .filter((name) => !(name in body))
      .map((name) => `${at}.${name}: required but missing`);
    for (const [name, v] of Object.entries(body)) {
      const declared = s.properties[name];
      if (declared) problems.push(...mismatches(doc, declared, v, `${at}.${name}`));
      else if (!s.additionalProperties) problems.push(`${at}.${name}: not in the schema`);
    }
    return problems;
  }
  if (s.type === 'object' || s.type === undefined) return [];
  return typeof value === (s.type === 'integer' ? 'number' : s.type) ? [] : [`${at}: not a ${s.type}`];
}

/** The required property names of a success schema (through a $ref, or a nullable allOf wrapper). */
function requiredOf(doc: Doc, schema: Schema): string[] {
  const s = schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  if (s?.allOf?.length === 1 && s.allOf[0]) return requiredOf(doc, s.allOf[0]);
  return [...(s?.required ?? [])].sort();
}

const ERROR_SCHEMA = '#/components/schemas/ErrorResponseDto';

describe('the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let operations: Array<{ name: string; op: Operation }>;
  let doc: Doc;

  beforeAll(async () => {
    // The dev mailbox and the webhook are in the document only when active.
    t = await startTestApp({ SMTP_URL: '', INBOUND_WEBHOOK_SECRET: 'openapi-test-secret-0123456789abcdef' });
    doc = (await t.http().get('/api/docs-json').expect(200)).body as Doc;
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(doc.components.schemas.ErrorResponseDto).toMatchObject({
      properties: { statusCode: {}, code: {}, message: {}, details: {}, requestId: {} },
      required: ['statusCode', 'code', 'message'],
    });
  });
  afterAll(() => t.close());

  it('documents at least one success and one error response, in the error shape, for every operation', () => {
    expect(operations.length).toBeGreaterThan(60);
    const problems: string[] = [];
    for (const { name, op } of operations) {
      const responses = Object.entries(op.responses ?? {});
      if (!responses.some(([status]) => /^2\d\d$/.test(status)))
        problems.push(`${name}: no success response`);
      const errors = responses.filter(([status]) => Number(status) >= 400);
      if (errors.length === 0) problems.push(`${name}: no error response`);
      for (const [status, response] of errors)
        if (response.content?.['application/json']?.schema?.$ref !== ERROR_SCHEMA)
          problems.push(`${name}: ${status} is not in the error shape`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every success response a schema', () => {
    const missing: string[] = [];
    for (const { name, op } of operations) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      // 204 No Content has nothing to describe.
      const described = success.every(
        ([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.schema),
      );
      if (!described) missing.push(name);
    }
    expect(missing).toEqual([]);
  });

  it('answers with bodies that have exactly the properties the success schemas declare', async () => {
    const { organizer, participants, topicId } = await groupWithTopic(t, 'schema-check', { participants: 1 });
    const [member] = participants;
    if (!member) throw new Error('fixture made no member');
    const eventId = await createEvent(t, 'schema-check', organizer, {
      locationVisibility: 'public',
      attendeeVisibility: 'count',
    });
    const http = t.http();
    await http
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', member.cookie)
      .send({ status: 'going' })
      .expect(200);

    const schemaOf = (method: string, path: string, status: string): Schema => {
      const schema = doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${method} ${path} ${status} has no schema`);
      return schema;
    };
    // Callers who see no optional property, so that every property they get is a required one.
    const exact: Array<[string, string, string, string | null]> = [
      ['/api/events/{id}', `/api/events/${eventId}`, '200', null],
      ['/api/groups/{slug}', '/api/groups/schema-check', '200', member.cookie],
      ['/api/me', '/api/me', '200', member.cookie],
      ['/api/public/events', '/api/public/events', '200', null],
      ['/api/public/groups/{slug}', '/api/public/groups/schema-check', '200', null],
      ['/api/events/{id}/rsvps/me', `/api/events/${eventId}/rsvps/me`, '200', member.cookie],
    ];
    for (const [path, url, status, cookie] of exact) {
      const req = http.get(url);
      const body = (await (cookie ? req.set('Cookie', cookie) : req).expect(Number(status))).body as Record<
        string,
        unknown
      >;
      expect({ path, keys: Object.keys(body).sort() }).toEqual({
        path,
        keys: requiredOf(doc, schemaOf('get', path, status)),
      });
      expect(mismatches(doc, schemaOf('get', path, status), body, path)).toEqual([]);
    }
    // The public list really holds the event, so its items were checked too.
    expect((await http.get('/api/public/events').expect(200)).body.items).toHaveLength(1);

    // Organizers also get the optional properties; still nothing the schema does not declare.
    const asOrganizer: Array<[string, string]> = [
      ['/api/events/{id}', `/api/events/${eventId}`],
      ['/api/events/{id}/rsvps', `/api/events/${eventId}/rsvps`],
      ['/api/events/{id}/rsvp-history', `/api/events/${eventId}/rsvp-history`],
      ['/api/groups/{slug}/members', '/api/groups/schema-check/members'],
      ['/api/groups/{slug}/events', '/api/groups/schema-check/events'],
      ['/api/groups/{slug}/topics', '/api/groups/schema-check/topics'],
    ];
    for (const [path, url] of asOrganizer) {
      const body: unknown = (await http.get(url).set('Cookie', organizer.cookie).expect(200)).body;
      expect(mismatches(doc, schemaOf('get', path, '200'), body, path)).toEqual([]);
    }
    const none = await http
      .get(`/api/events/${eventId}/rsvps/me`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    // No RSVP yet: JSON null, which the schema allows.
    expect(none.body).toBeNull();
    expect(mismatches(doc, schemaOf('get', '/api/events/{id}/rsvps/me', '200'), none.body, 'none')).toEqual(
      [],
    );
    const event = (await http.get(`/api/events/${eventId}`).set('Cookie', organizer.cookie).expect(200)).body;
    expect(event).toHaveProperty('locationVisibility', 'public');

    // Writes and the remaining kinds of body: each checked against the schema of its own status.
    const writes: Array<[string, string, string, () => Promise<{ status: number; body: unknown }>]> = [
      [
        'post',
        '/api/me/tokens',
        '201',
        () => http.post('/api/me/tokens').set('Cookie', member.cookie).send({ name: 'script' }),
      ],
      ['get', '/api/me/tokens', '200', () => http.get('/api/me/tokens').set('Cookie', member.cookie)],
      ['get', '/api/me/export', '200', () => http.get('/api/me/export').set('Cookie', member.cookie)],
      ['get', '/api/groups', '200', () => http.get('/api/groups').set('Cookie', member.cookie)],
      [
        'get',
        '/api/topics/{id}',
        '200',
        () => http.get(`/api/topics/${topicId}`).set('Cookie', member.cookie),
      ],
      [
        'get',
        '/api/topics/{id}/posts',
        '200',
        () => http.get(`/api/topics/${topicId}/posts`).set('Cookie', member.cookie),
      ],
      [
        'post',
        '/api/events/{id}/rsvps/{userId}/{action}',
        '200',
        () =>
          http.post(`/api/events/${eventId}/rsvps/${member.userId}/check-in`).set('Cookie', organizer.cookie),
      ],
      [
        'put',
        '/api/events/{id}/rsvps/{userId}',
        '200',
        () =>
          http
            .put(`/api/events/${eventId}/rsvps/${member.userId}`)
            .set('Cookie', organizer.cookie)
            .send({ status: 'maybe' }),
      ],
      [
        'delete',
        '/api/events/{id}/rsvps/me',
        '200',
        () => http.delete(`/api/events/${eventId}/rsvps/me`).set('Cookie', member.cookie),
      ],
      [
        'post',
        '/api/events/{id}/cancel',
        '200',
        () => http.post(`/api/events/${eventId}/cancel`).set('Cookie', organizer.cookie),
      ],
    ];
    for (const [method, path, status, send] of writes) {
      const res = await send();
      expect({ path, status: res.status }).toEqual({ path, status: Number(status) });
      expect(mismatches(doc, schemaOf(method, path, status), res.body, `${method} ${path}`)).toEqual([]);
    }
  });
});
