import { OutboxService } from '@app/mail';
import { TestApp, startTestApp } from './support/app';

describe('mail outbox (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const enqueue = (to: string, subject: string) =>
    t.dataSource.transaction((tx) =>
      t.server.app.get(OutboxService).enqueue(tx, { purpose: 'test', to, subject, text: 'hello' }),
    );

  const row = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT status, attempts, last_error, message_id FROM outbox_messages WHERE id = $1`,
        [id],
      )
    )[0];

  const waitForStatus = async (id: string, status: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await row(id);
      if (current.status === status) return current;
      if (Date.now() > deadline) throw new Error(`outbox ${id} is ${current.status}, expected ${status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('delivers once after the server answers 421 twice', async () => {
    t.smtp.behaviour = (stage, { to, attempt }) =>
      stage === 'rcpt' && to === 'flaky@example.org' && attempt <= 2 ? 421 : undefined;
    const [id] = await enqueue('flaky@example.org', 'Third time lucky');
    const sent = await waitForStatus(id, 'sent');
    expect(sent.attempts).toBe(3);
    expect(sent.last_error).toBeNull();
    const received = t.smtp.to('flaky@example.org');
    expect(received).toHaveLength(1);
    expect(received[0].parsed.messageId).toBe(sent.message_id);
    expect(sent.message_id).toBe(`<${id}@hearth.localhost>`);
  });

  it('marks a 550 failed with the reason and does not retry it', async () => {
    t.smtp.behaviour = (stage, { to }) => (stage === 'rcpt' && to === 'gone@example.org' ? 550 : undefined);
    const [id] = await enqueue('gone@example.org', 'Nobody home');
    const failed = await waitForStatus(id, 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/^550/);
    await new Promise((r) => setTimeout(r, 500));
    expect((await row(id)).attempts).toBe(1);
    expect(t.smtp.to('gone@example.org')).toHaveLength(0);
  });

  it('writes nothing when the transaction that caused the mail rolls back', async () => {
    await expect(
      t.dataSource.transaction(async (tx) => {
        await t.server.app
          .get(OutboxService)
          .enqueue(tx, { purpose: 'test', to: 'rollback@example.org', subject: 'x', text: 'x' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox_messages WHERE recipient = 'rollback@example.org'`,
    );
    expect(count).toBe(0);
  });

  it('sends each of many messages exactly once with several dispatchers racing', async () => {
    t.smtp.behaviour = () => undefined;
    const ids = await t.dataSource.transaction((tx) =>
      t.server.app.get(OutboxService).enqueue(
        tx,
        ...Array.from({ length: 60 }, (_, i) => ({
          purpose: 'test',
          to: `many${i}@example.org`,
          subject: `n${i}`,
          text: 'x',
        })),
      ),
    );
    // Extra dispatch loops beside the worker's own, all claiming from the same table.
    const { OutboxDispatcher } = await import('@app/mail');
    const dispatcher = t.server.app.get(OutboxDispatcher);
    await Promise.all(Array.from({ length: 4 }, () => dispatcher.dispatchOnce()));
    for (const id of ids) await waitForStatus(id, 'sent');
    for (let i = 0; i < 60; i++) expect(t.smtp.to(`many${i}@example.org`)).toHaveLength(1);
  });
});

describe('dev mailbox (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: '' });
  });
  afterAll(() => t.close());

  it('keeps outgoing mail when no SMTP_URL is set and shows it to the instance owner only', async () => {
    await t.http().post('/api/auth/magic-link').send({ email: 'dev@example.org' }).expect(202);
    const ownerToken = new URL(t.server.ownerSignIn?.link ?? '').searchParams.get('token');
    const signIn = await t
      .http()
      .post('/api/auth/magic-link/consume')
      .send({ token: ownerToken })
      .expect(200);
    const cookie = (signIn.headers['set-cookie'] as unknown as string[])[0].split(';')[0];

    let list: Array<{ id: string; to: string; subject: string }> = [];
    for (let i = 0; i < 100 && list.length === 0; i++) {
      list = (await t.http().get('/api/dev/mailbox?to=dev@example.org').set('Cookie', cookie).expect(200))
        .body;
      if (list.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(list[0]).toMatchObject({ to: 'dev@example.org', subject: 'Your Hearth sign-in link' });
    const raw = await t.http().get(`/api/dev/mailbox/${list[0].id}/raw`).set('Cookie', cookie).expect(200);
    expect(raw.headers['content-type']).toContain('message/rfc822');
    expect(raw.text).toContain('Subject: Your Hearth sign-in link');
    expect(raw.text).toMatch(/Content-Type: multipart\/alternative/);

    const member = await t.sessionFor('nosy@example.org');
    await t.http().get('/api/dev/mailbox').set('Cookie', member.cookie).expect(403);
    await t.http().get('/api/dev/mailbox').expect(401);
    await t
      .http()
      .get('/api/dev/mailbox/00000000-0000-0000-0000-000000000000/raw')
      .set('Cookie', cookie)
      .expect(404);
    const outbox = await t.http().get('/api/admin/outbox?status=sent').set('Cookie', cookie).expect(200);
    expect(outbox.body.length).toBeGreaterThan(0);
  });

  it('does not expose the dev mailbox routes when SMTP is configured', async () => {
    const other = await startTestApp();
    try {
      const owner = await other.sessionFor('owner@hearth.test');
      await other.http().get('/api/dev/mailbox').set('Cookie', owner.cookie).expect(404);
    } finally {
      await other.close();
    }
  });
});
