import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo, createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import { loadEnv } from '../libs/core/src';
import { startHearth } from '../apps/api/src/server';
import { TEST_SECRET, TestApp, startTestApp } from './support/app';
import { adminQuery, createTestDatabase } from './support/database';
import { groupWithTopic } from './support/fixtures';
import {
  createEvent,
  inboundPort,
  invitationOf,
  invite,
  rawSmtpSession,
  reply,
  rsvpOf,
} from './support/inbound';

// smtp-server's own self-signed localhost pair, written to files as an operator would configure them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tlsDefaults = require('smtp-server/lib/tls-options') as () => { key: string; cert: string };

describe('STARTTLS on the inbound SMTP listener (e2e)', () => {
  let dir: string;
  let keyFile: string;
  let certFile: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-tls-'));
    const { key, cert } = tlsDefaults();
    keyFile = join(dir, 'key.pem');
    certFile = join(dir, 'cert.pem');
    writeFileSync(keyFile, key);
    writeFileSync(certFile, cert);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('offers STARTTLS only when a key and a certificate are configured, and takes replies over it', async () => {
    const t: TestApp = await startTestApp({ INBOUND_SMTP_TLS_KEY: keyFile, INBOUND_SMTP_TLS_CERT: certFile });
    try {
      const ehlo = await rawSmtpSession(inboundPort(t), ['EHLO client.example', 'QUIT']);
      expect(ehlo).toMatch(/^250[- ]STARTTLS/m);
      expect(ehlo).not.toMatch(/AUTH/);
      const { organizer, participants } = await groupWithTopic(t, 'tls', { participants: 1 });
      const [a] = participants;
      const eventId = await createEvent(t, 'tls', organizer);
      await invite(t, eventId, [a.userId]);
      const inv = await invitationOf(t, eventId, a.userId);
      const transport = createTransport({
        host: '127.0.0.1',
        port: inboundPort(t),
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      await transport.sendMail({
        envelope: { from: a.email, to: [inv.address] },
        raw: reply({ attendee: a.email, uid: inv.uid, organizer: inv.address }),
      });
      transport.close();
      expect(await rsvpOf(t, eventId, a.userId)).toEqual({ status: 'going', source: 'calendar' });
    } finally {
      await t.close();
    }
  });

  it('refuses a key without a certificate at configuration time, naming the variables', () => {
    expect(() => loadEnv({ INBOUND_SMTP_TLS_KEY: keyFile })).toThrow(
      /INBOUND_SMTP_TLS_KEY and INBOUND_SMTP_TLS_CERT must be set together/,
    );
    expect(() => loadEnv({ INBOUND_SMTP_TLS_CERT: certFile })).toThrow(/must be set together/);
  });

  it('fails to start, naming INBOUND_SMTP_PORT, when the port is taken, and leaves nothing running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const db = await createTestDatabase();
    try {
      const env = loadEnv({
        PORT: '0',
        DATABASE_URL: db.url,
        SIGNING_SECRET: TEST_SECRET,
        INBOUND_SMTP_PORT: String(port),
      });
      await expect(startHearth({ env, databaseUrl: db.url, logLevels: [] })).rejects.toThrow(
        /INBOUND_SMTP_PORT/,
      );
    } finally {
      blocker.close();
      // Dropping needs every connection of the failed start closed (WITH FORCE would hide a leak).
      await adminQuery(
        process.env.HEARTH_TEST_ADMIN_URL ?? '',
        `DROP DATABASE ${new URL(db.url).pathname.slice(1)}`,
      );
    }
  });
});
