import { ImapFlow } from 'imapflow';
import { InboundImapWorker } from '@app/runtime';
import { TestApp, startTestApp } from './support/app';
import { Dovecot, dovecotUnavailable, startDovecot } from './support/dovecot';
import { groupWithTopic } from './support/fixtures';
import { createEvent, inboundRows, invitationOf, invite, reply, rsvpOf } from './support/inbound';

const unavailable = dovecotUnavailable();
// CI installs Debian's dovecot-imapd, runs as root and sets TEST_REQUIRE_DOVECOT, so this runs there;
// elsewhere it says why it did not.
if (unavailable && process.env.TEST_REQUIRE_DOVECOT === '1')
  throw new Error(`TEST_REQUIRE_DOVECOT is set but ${unavailable}`);
if (unavailable) console.warn(`inbound-dovecot: not run: ${unavailable}`);
const describeWithDovecot = unavailable ? describe.skip : describe;

describeWithDovecot('IMAP polling against a real Dovecot server (e2e)', () => {
  let t: TestApp;
  let dovecot: Dovecot;
  let url: string;

  /** A client of the test's own, as the mail provider delivering into the mailbox would be. */
  async function mailbox<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout();
    }
  }

  async function flags(): Promise<Array<{ messageId: string; seen: boolean }>> {
    return mailbox(async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const out: Array<{ messageId: string; seen: boolean }> = [];
        for await (const m of client.fetch('1:*', { flags: true, envelope: true }))
          out.push({ messageId: m.envelope?.messageId ?? '', seen: m.flags?.has('\\Seen') ?? false });
        return out;
      } finally {
        lock.release();
      }
    });
  }

  beforeAll(async () => {
    dovecot = await startDovecot();
    url = `imap://${encodeURIComponent(dovecot.user)}:${dovecot.password}@127.0.0.1:${dovecot.port}/INBOX`;
    t = await startTestApp({ IMAP_URL: url, IMAP_POLL_MS: '3600000' });
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  it('applies unseen calendar replies, marks every fetched message seen, and leaves messages that were already read alone', async () => {
    const { organizer, participants } = await groupWithTopic(t, 'dovecot', { participants: 2 });
    const [a, b] = participants;
    const eventId = await createEvent(t, 'dovecot', organizer, { capacity: 5 });
    await invite(t, eventId, [a.userId, b.userId]);
    const [invA, invB] = [await invitationOf(t, eventId, a.userId), await invitationOf(t, eventId, b.userId)];
    await mailbox(async (client) => {
      await client.append(
        'INBOX',
        reply({ attendee: a.email, uid: invA.uid, organizer: invA.address, messageId: 'dovecot-a@x' }),
      );
      await client.append(
        'INBOX',
        reply({
          attendee: b.email,
          uid: invB.uid,
          organizer: invB.address,
          partstat: 'DECLINED',
          messageId: 'dovecot-b@x',
        }),
      );
      await client.append(
        'INBOX',
        Buffer.from('From: someone@example.org\r\nSubject: hello\r\nMessage-ID: <dovecot-c@x>\r\n\r\nhi\r\n'),
      );
      // Someone already read this one in the mailbox: not Hearth's to take.
      await client.append(
        'INBOX',
        reply({ attendee: a.email, uid: invA.uid, organizer: invA.address, messageId: 'dovecot-read@x' }),
        ['\\Seen'],
      );
    });

    const worker = t.server.app.get(InboundImapWorker);
    await worker.pollOnce(url);
    expect(await rsvpOf(t, eventId, a.userId)).toEqual({ status: 'going', source: 'calendar' });
    expect(await rsvpOf(t, eventId, b.userId)).toEqual({ status: 'declined', source: 'calendar' });
    const rows = await inboundRows(t, `message_id LIKE 'dovecot-%'`);
    expect(rows.map((r) => [r.message_id, r.outcome, r.reason])).toEqual([
      ['dovecot-a@x', 'applied', null],
      ['dovecot-b@x', 'applied', null],
      ['dovecot-c@x', 'rejected', 'no_calendar'],
    ]);
    expect(await flags()).toEqual([
      { messageId: '<dovecot-a@x>', seen: true },
      { messageId: '<dovecot-b@x>', seen: true },
      { messageId: '<dovecot-c@x>', seen: true },
      { messageId: '<dovecot-read@x>', seen: true },
    ]);

    // A second poll finds nothing new; a reply delivered later is taken on the next one.
    await worker.pollOnce(url);
    expect(await inboundRows(t, `message_id LIKE 'dovecot-%'`)).toHaveLength(3);
    await mailbox((client) =>
      client.append(
        'INBOX',
        reply({
          attendee: a.email,
          uid: invA.uid,
          organizer: invA.address,
          partstat: 'TENTATIVE',
          messageId: 'dovecot-later@x',
          sequence: (invA.sequence ?? 0) + 1,
        }),
      ),
    );
    await worker.pollOnce(url);
    expect(await rsvpOf(t, eventId, a.userId)).toEqual({ status: 'maybe', source: 'calendar' });
  });

  it('refuses wrong credentials without touching the mailbox', async () => {
    await mailbox((client) =>
      client.append('INBOX', Buffer.from('Message-ID: <dovecot-untouched@x>\r\n\r\nx\r\n')),
    );
    const worker = t.server.app.get(InboundImapWorker);
    await expect(worker.pollOnce(url.replace(`:${dovecot.password}@`, ':wrong@'))).rejects.toThrow();
    const untouched = (await flags()).find((m) => m.messageId === '<dovecot-untouched@x>');
    expect(untouched).toEqual({ messageId: '<dovecot-untouched@x>', seen: false });
  });
});
