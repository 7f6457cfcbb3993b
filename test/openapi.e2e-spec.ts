import { TestApp, startTestApp } from './support/app';

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string; type?: string; items?: unknown } }>;
}
type Operation = { responses?: Record<string, Response> };

const ERROR_SCHEMA = '#/components/schemas/ErrorResponseDto';

describe('the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let operations: Array<{ name: string; op: Operation }>;

  beforeAll(async () => {
    // The dev mailbox and the webhook are in the document only when active.
    t = await startTestApp({ SMTP_URL: '', INBOUND_WEBHOOK_SECRET: 'openapi-test-secret-0123456789abcdef' });
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(doc.components.schemas.ErrorResponseDto).toMatchObject({
      properties: { statusCode: {}, code: {}, message: {}, details: {} },
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
});
