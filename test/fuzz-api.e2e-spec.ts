import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays, person } from './support/fixtures';

/**
 * Every operation of the OpenAPI document, 200 malformed requests each (wrong types, nulls, NUL
 * characters, lone surrogates, huge strings, deep nesting, unknown fields, broken JSON, other body
 * types, malformed %-escapes in path and query), spread over anonymous, member and organizer callers:
 * no answer may be a 5xx, and every error must be in the API's error shape. Path parameters are the
 * ids of real fixtures in part of the runs, so the handlers behind the validation are reached too.
 * Reproducible: the seed is printed, and FUZZ_SEED=<n> replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
const RUNS_PER_OPERATION = 200;
const BASE = 'http://hearth.test';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  nullable?: boolean;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}
interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}
type InjectOptions = Exclude<Parameters<TestApp['server']['app']['inject']>[0], string | undefined>;
type Actor = 'anonymous' | 'member' | 'organizer';
interface FuzzRequest {
  actor: Actor;
  url: string;
  contentType: string | undefined;
  payload: string | undefined;
  extraHeaders: Record<string, string>;
}

// Strings that broke, or could break, something between the socket and PostgreSQL.
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ud83d',
  '\ufeff',
  '𝌆',
  '%E0%A4%A',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'null',
  '-1',
  '1e309',
  'NaN',
  '2024-02-30T25:61:00Z',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(120_000),
];
// Raw path or query text, sent as it stands: malformed or unusual %-escapes.
const RAW_URL_PARTS = [
  '%E0%A4%A',
  '%ED%A0%80',
  '%00',
  '%',
  '%zz',
  '%C0%AF',
  '%FF%FE',
  'a%2Fb',
  '%25',
  '..',
  '%2e%2e',
];
const RAW_BODIES = [
  '',
  '{',
  '[',
  '{"a":}',
  'nul',
  '{"a":1,"a":2}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '"\\ud800"',
  '{"x":"\\u0000"}',
  '[1,2,3]',
  '123',
  'null',
  '\u0000',
  '['.repeat(5_000),
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`,
  `{"title":${'['.repeat(2_000)}"x"${']'.repeat(2_000)},"name":"n","email":"e@x.org"}`,
  `[${'1,'.repeat(200_000)}1]`,
  JSON.stringify({ x: 'y'.repeat(1_100_000) }),
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'message/rfc822',
  'application/octet-stream',
  'a/b;;=',
];
/**
 * The RFC 8058 unsubscribe link is a page people open from an email: an invalid link is answered with
 * an HTML page that says so, as a person needs, not with JSON.
 */
const HTML_PAGES = new Set(['/api/unsubscribe/{token}', '/api/unsubscribe/announcements/{token}']);
const EXTRA_QUERY_NAMES = [
  'q',
  'kind',
  'group',
  'from',
  'to',
  'limit',
  'cursor',
  'status',
  'eventId',
  'tag',
  '__proto__',
];

/** encodeURIComponent, with lone surrogates (which it refuses) sent as the CESU-8 bytes a confused client would. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .replace(/[\ud800-\udfff]/g, '%ED%A0%80')
      .replace(/[^%A-Za-z0-9\-_.~]/g, (c) => encodeURIComponent(c));
  }
}

function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

describe('API fuzz: malformed input never gets a 5xx (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let member: Person;
  let doc: OpenApiDocument;
  const cookies: Record<Actor, string | undefined> = { anonymous: undefined, member: '', organizer: '' };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ INBOUND_WEBHOOK_SECRET: 'fuzz-webhook-secret-0123456789abcdefghij' });
    const setup = await groupWithTopic(t, 'fuzz', { participants: 1 });
    organizer = setup.organizer;
    [member] = setup.participants;
    ids.topic = setup.topicId;
    const http = t.http();
    const start = inDays(10);
    const series = await http
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: 'Fuzz series',
        events: [
          {
            kind: 'in_person',
            title: 'Fuzz meetup',
            startsAt: start,
            endsAt: hoursAfter(start, 2),
            timezone: 'Europe/Berlin',
            venueName: 'Somewhere',
            capacity: 5,
            questions: [{ id: 'q1', label: 'Anything?', required: false }],
          },
        ],
      })
      .expect(201);
    ids.series = series.body.id;
    ids.event = series.body.events[0].id;
    await http
      .post(`/api/events/${ids.event}/rsvps`)
      .set('Cookie', member.cookie)
      .send({ status: 'going' })
      .expect(200);
    const posts = await http
      .get(`/api/topics/${setup.topicId}/posts`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    ids.post = posts.body.items[0].id;
    const report = await http
      .post(`/api/posts/${ids.post}/reports`)
      .set('Cookie', member.cookie)
      .send({ reason: 'Fuzz report' })
      .expect(201);
    ids.report = report.body.id;
    const token = await http
      .post('/api/me/tokens')
      .set('Cookie', member.cookie)
      .send({ name: 'fuzz' })
      .expect(201);
    ids.token = token.body.id;
    const feed = await http.get('/api/me/feed').set('Cookie', member.cookie).expect(200);
    ids.feedToken = /\/api\/feeds\/me\/([^/]+)\.ics/.exec(JSON.stringify(feed.body))?.[1] ?? 'none';
    await person(t, 'outsider@fuzz.test');
    const res = await t.server.app.inject({ method: 'GET', url: '/api/docs-json' });
    doc = JSON.parse(res.body) as OpenApiDocument;
  });
  afterAll(() => t.close());

  function resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref)
      return resolve(doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  }

  function operations(): Operation[] {
    return Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
    );
  }

  /** The id of a real fixture for a path parameter, so part of the runs get past the router and lookups. */
  function validParam(path: string, name: string): string {
    if (name === 'slug') return 'fuzz';
    if (name === 'userId') return member.userId;
    if (name === 'action') return 'approve';
    if (name === 'token') return path.startsWith('/api/feeds/me') ? ids.feedToken : 'not-a-token';
    const byPrefix: Array<[string, string]> = [
      ['/api/events/', ids.event],
      ['/api/topics/', ids.topic],
      ['/api/series/', ids.series],
      ['/api/feeds/series/', ids.series],
      ['/api/posts/', ids.post],
      ['/api/reports/', ids.report],
      ['/api/me/tokens/', ids.token],
    ];
    return byPrefix.find(([prefix]) => path.startsWith(prefix))?.[1] ?? randomUUID();
  }

  const nastyString = fc.constantFrom(...NASTY_STRINGS);
  const malformedValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.constant(null),
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.array(fc.oneof(nastyString, fc.constant(null), fc.integer()), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(nastyString, fc.constant(null)), { maxKeys: 3 }),
    fc.integer({ min: 20, max: 60 }).map((depth) => nest(depth, 'deep')),
    fc.constant(Array.from({ length: 2_000 }, () => 'item')),
  );

  /** Something close to what the schema asks for, so mutations land one field at a time. */
  function plausible(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = resolve(schema);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    switch (s.type) {
      case 'string':
        if (s.format === 'date-time')
          return fc.constantFrom(inDays(3), inDays(30), '2026-01-01T10:00:00+01:00');
        return fc.oneof(
          fc.constantFrom(
            'Fuzz text',
            'Europe/Berlin',
            'fuzz',
            'someone@fuzz.test',
            ids.event,
            member.userId,
          ),
          fc.string({ maxLength: 12 }),
        );
      case 'integer':
      case 'number':
        return fc.integer({ min: -2, max: 50 });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 4 ? fc.constant([]) : fc.array(plausible(s.items, depth + 1), { maxLength: 3 });
      default: {
        const properties = s.properties ?? {};
        if (depth > 4 || Object.keys(properties).length === 0) return fc.constant({});
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, value] of Object.entries(properties)) record[key] = plausible(value, depth + 1);
        return fc.record(record, { requiredKeys: (s.required ?? []).filter((k) => k in properties) });
      }
    }
  }

  /** A plausible body with one field (top level, or one level down) replaced by a malformed value. */
  function mutatedBody(schema: Schema | undefined): fc.Arbitrary<unknown> {
    return fc
      .tuple(plausible(schema), malformedValue, fc.nat(), fc.nat(), fc.boolean())
      .map(([body, bad, i, j, unknownField]) => {
        if (body === null || typeof body !== 'object' || Array.isArray(body)) return bad;
        const copy = { ...(body as Record<string, unknown>) };
        const keys = Object.keys(resolve(schema).properties ?? {});
        if (unknownField || keys.length === 0) {
          copy[`unknown${i % 3}`] = bad;
          return copy;
        }
        const key = keys[i % keys.length];
        const inner = copy[key];
        if (
          inner !== null &&
          typeof inner === 'object' &&
          !Array.isArray(inner) &&
          Object.keys(inner).length > 0
        ) {
          const innerKeys = Object.keys(inner);
          copy[key] = { ...(inner as Record<string, unknown>), [innerKeys[j % innerKeys.length]]: bad };
        } else if (Array.isArray(inner) && inner.length > 0 && j % 2 === 0) {
          copy[key] = inner.map((item, n) => (n === 0 ? bad : item));
        } else {
          copy[key] = bad;
        }
        return copy;
      });
  }

  function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    const pathSegment = (name: string) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(encode(validParam(op.path, name))) },
        { weight: 2, arbitrary: nastyString.map((s) => encode(s.slice(0, 400))) },
        { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_PARTS) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encode) },
      );
    const path = fc
      .tuple(...pathParams.map((p) => pathSegment(p.name)))
      .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]), op.path));
    const queryValue = fc.oneof(
      nastyString.map((s) => encode(s.slice(0, 2_000))),
      fc.constantFrom(...RAW_URL_PARTS),
      fc.string({ unit: 'binary', maxLength: 20 }).map(encode),
      fc.constantFrom('10', '0', '-1', '1000000', 'in_person', 'fuzz', inDays(1), ids.event ?? 'x'),
    );
    const query = fc
      .array(fc.tuple(fc.constantFrom(...queryParams, ...EXTRA_QUERY_NAMES), queryValue), { maxLength: 4 })
      .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encode(k)}=${v}`).join('&')}` : ''));
    const jsonBody = fc.oneof(
      { weight: 6, arbitrary: mutatedBody(op.body).map((b) => JSON.stringify(b) ?? 'null') },
      { weight: 1, arbitrary: plausible(op.body).map((b) => JSON.stringify(b) ?? 'null') },
      { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES) },
    );
    const body: fc.Arbitrary<{ contentType: string | undefined; payload: string | undefined }> = fc.oneof(
      { weight: 8, arbitrary: jsonBody.map((payload) => ({ contentType: 'application/json', payload })) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom(...CONTENT_TYPES), jsonBody).map(([contentType, payload]) => ({
          contentType,
          payload,
        })),
      },
      { weight: 1, arbitrary: fc.constant({ contentType: undefined, payload: undefined }) },
      { weight: 1, arbitrary: jsonBody.map((payload) => ({ contentType: undefined, payload })) },
    );
    const headers = fc.oneof(
      fc.constant({}),
      fc.constant({ origin: BASE }),
      fc.constant({ 'sec-fetch-site': 'same-origin' }),
      fc.constant({ authorization: 'Bearer hrt_not-a-real-token' }),
      fc.constant({ 'x-envelope-to': 'rsvp+abc@hearth.localhost', 'x-hearth-inbound-secret': 'wrong' }),
    );
    return fc
      .record({
        actor: fc.constantFrom<Actor>('anonymous', 'member', 'organizer'),
        path,
        query,
        body,
        extraHeaders: headers,
      })
      .map(({ actor, path: p, query: q, body: b, extraHeaders }) => ({
        actor,
        url: p + q,
        contentType: b.contentType,
        payload: op.method === 'GET' ? undefined : b.payload,
        extraHeaders,
      }));
  }

  /** What is wrong with an answer, or null: a 5xx, or an error body outside the error shape. */
  function problemWith(
    op: Operation,
    res: { statusCode: number; headers: Record<string, unknown>; body: string },
  ): string | null {
    if (res.statusCode >= 500) return `answered ${res.statusCode}`;
    if (res.statusCode < 400) return null;
    if (HTML_PAGES.has(op.path) && String(res.headers['content-type']).startsWith('text/html')) return null;
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      return `error body is not JSON (${String(res.headers['content-type'])})`;
    }
    const b = body as Record<string, unknown>;
    const keys = Object.keys(b).filter(
      (k) => !['statusCode', 'code', 'message', 'details', 'requestId'].includes(k),
    );
    if (b.statusCode !== res.statusCode) return 'error body has the wrong statusCode';
    if (typeof b.code !== 'string' || !/^[A-Z_]+$/.test(b.code)) return 'error body has no code';
    if (typeof b.message !== 'string') return 'error body has no message';
    if (b.details !== undefined && (typeof b.details !== 'object' || b.details === null))
      return 'details is not an object';
    if (typeof b.requestId !== 'string' || b.requestId !== res.headers['x-request-id'])
      return 'error body has no requestId, or not the X-Request-Id header';
    if (keys.length) return `error body has extra keys ${keys.join(', ')}`;
    return null;
  }

  it('answers every generated malformed request with a 2xx-4xx, errors in the error shape', async () => {
    // Printed so a failure can be replayed with FUZZ_SEED.
    process.stdout.write(`API fuzz seed: ${SEED} (set FUZZ_SEED to replay another)\n`);
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(60);
    // One example per operation and kind of problem, with how often it happened.
    const failures = new Map<string, { count: number; example: string }>();
    const reached: Record<string, number> = {};
    let total = 0;
    for (const [index, op] of ops.entries()) {
      // Fresh sessions per operation: a fuzzed logout or account change must not starve the rest.
      cookies.member = (await t.sessionFor(member.email)).cookie;
      cookies.organizer = (await t.sessionFor(organizer.email)).cookie;
      const samples = fc.sample(requestFor(op), { seed: SEED + index, numRuns: RUNS_PER_OPERATION });
      expect(samples).toHaveLength(RUNS_PER_OPERATION);
      for (const req of samples) {
        const headers: Record<string, string> = { ...req.extraHeaders };
        const cookie = cookies[req.actor];
        if (cookie) headers.cookie = cookie;
        if (req.contentType) headers['content-type'] = req.contentType;
        const options: InjectOptions = {
          method: op.method as InjectOptions['method'],
          url: req.url,
          headers,
        };
        if (req.payload !== undefined) options.payload = req.payload;
        const res = await t.server.app.inject(options);
        total++;
        const problem = problemWith(op, res);
        if (problem) {
          const key = `${op.method} ${op.path}: ${problem}`;
          const seen = failures.get(key);
          if (seen) seen.count++;
          else
            failures.set(key, {
              count: 1,
              example:
                `as ${req.actor}: ${op.method} ${req.url.slice(0, 200)} [${req.contentType ?? 'no content-type'}] ` +
                `${(req.payload ?? '').slice(0, 200)} → ${res.body.slice(0, 300)}`,
            });
        }
        if (
          res.statusCode < 400 ||
          !/VALIDATION_FAILED|UNSUPPORTED_MEDIA_TYPE|PAYLOAD_TOO_LARGE/.test(res.body)
        )
          reached[`${op.method} ${op.path}`] = (reached[`${op.method} ${op.path}`] ?? 0) + 1;
      }
    }
    process.stdout.write(
      `API fuzz: ${total} requests over ${ops.length} operations; ` +
        `${Object.keys(reached).length} operations answered past input validation\n`,
    );
    expect([...failures].map(([key, { count, example }]) => `${key} (${count}×), e.g. ${example}`)).toEqual(
      [],
    );
    expect(total).toBe(ops.length * RUNS_PER_OPERATION);
  }, 600_000);
  /**
   * The server-rendered member pages are not in the OpenAPI document; they take forms and answer
   * with HTML, so only "no 5xx" (and the error shape when the answer is JSON) is asked of them.
   */
  it('answers malformed requests to the member pages without a 5xx', async () => {
    const pages: Array<[string, string]> = [
      ['GET', '/account'],
      ['POST', '/account/delete'],
      ['GET', '/auth/magic'],
      ['POST', '/auth/magic'],
      ['GET', '/groups/{slug}'],
      ['POST', '/groups/{slug}/join'],
      ['GET', '/topics/{topic}'],
      ['POST', '/topics/{topic}/posts'],
      ['POST', '/topics/{topic}/follow'],
      ['POST', '/topics/{topic}/unfollow'],
      ['POST', '/topics/{topic}/posts/{post}/report'],
      ['GET', '/groups'],
      ['GET', '/invites/{token}'],
      ['POST', '/invites/{token}'],
      ['GET', '/events'],
      ['GET', '/networking'],
      ['GET', '/events/{event}'],
      ['POST', '/events/{event}/rsvp'],
      ['GET', '/rsvp/{token}'],
      ['POST', '/rsvp/{token}'],
      ['GET', '/rsvp/{token}/calendar.ics'],
      ['GET', '/sign-in'],
      ['POST', '/sign-in'],
      ['POST', '/sign-out'],
      ['GET', '/'],
      ['GET', '/home'],
      ['GET', '/welcome'],
      ['POST', '/welcome'],
    ];
    const valid: Record<string, string> = {
      slug: 'fuzz',
      topic: ids.topic,
      post: ids.post,
      event: ids.event,
      token: 'not-a-token',
    };
    const segment = (name: string) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(valid[name]) },
        { weight: 2, arbitrary: nastyString.map((v) => encode(v.slice(0, 400))) },
        { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_PARTS) },
      );
    const formValue = fc.oneof(
      nastyString.map((v) => encode(v.slice(0, 5_000))),
      fc.constantFrom(...RAW_URL_PARTS, 'going', 'maybe', 'declined', 'someone@fuzz.test', '/events'),
    );
    const form = fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'status',
            'answer',
            'email',
            'next',
            'confirm',
            'q',
            'mode',
            'guests',
            'coc',
            'body',
            'reason',
            'displayName',
            'language',
            'timezone',
            'password',
            'pronouns',
            '__proto__',
          ),
          formValue,
        ),
        { maxLength: 5 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
    const failures: string[] = [];
    for (const [index, [method, template]] of pages.entries()) {
      cookies.member = (await t.sessionFor(member.email)).cookie;
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const arb = fc.record({
        actor: fc.constantFrom<Actor>('anonymous', 'member'),
        values: fc.tuple(...names.map(segment)),
        query: fc.array(
          fc.tuple(
            fc.constantFrom('q', 'kind', 'next', 'answer', 'token', 'joined', 'from', 'page', 'after'),
            formValue,
          ),
          { maxLength: 3 },
        ),
        form,
        contentType: fc.constantFrom(
          'application/x-www-form-urlencoded',
          'application/json',
          'text/plain',
          undefined,
        ),
      });
      for (const req of fc.sample(arb, { seed: SEED + 1_000 + index, numRuns: 50 })) {
        const path = names.reduce((url, name, i) => url.replace(`{${name}}`, req.values[i]), template);
        const url = req.query.length ? `${path}?${req.query.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
        const headers: Record<string, string> = { origin: BASE };
        const cookie = cookies[req.actor];
        if (cookie) headers.cookie = cookie;
        if (method === 'POST' && req.contentType) headers['content-type'] = req.contentType;
        const res = await t.server.app.inject({
          method: method as InjectOptions['method'],
          url,
          headers,
          ...(method === 'POST' ? { payload: req.form } : {}),
        });
        const json = String(res.headers['content-type']).startsWith('application/json');
        const problem =
          res.statusCode >= 500
            ? `answered ${res.statusCode}`
            : json && res.statusCode >= 400
              ? problemWith({ method, path: template, parameters: [] }, res)
              : null;
        if (problem && failures.length < 50)
          failures.push(
            `${method} ${url.slice(0, 200)} [${req.contentType}] ${req.form.slice(0, 100)}: ${problem} → ${res.body.slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
