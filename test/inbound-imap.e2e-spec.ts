import { InboundImapWorker } from '@app/runtime';
import { TestApp, startTestApp } from './support/app';
import { FakeImapServer } from './support/fake-imap';
import { groupWithTopic } from './support/fixtures';
import { createEvent, inboundRows, invitationOf, invite, reply, rsvpOf } from './support/inbound';

describe('IMAP polling through the real ImapFlow client (e2e, fake IMAP server)', () => {
  let t: TestApp;
  let imap: FakeImapServer;

  beforeAll(async () => {
    imap = await new FakeImapServer('rsvp@example.org', 's3cret').start();
    // A long poll interval: the test drives the polls itself.
    t = await startTestApp({
      IMAP_URL: `imap://rsvp%40example.org:s3cret@127.0.0.1:${imap.port}/INBOX`,
      IMAP_POLL_MS: '3600000',
    });
  });
  afterAll(async () => {
    await t.close();
    await imap.stop();
  });

  it('feeds unseen replies through the pipeline, marks them seen, and does not take them twice', async () => {
    const { organizer, participants } = await groupWithTopic(t, 'imap', { participants: 2 });
    const [a, b] = participants;
    const eventId = await createEvent(t, 'imap', organizer, { capacity: 5 });
    await invite(t, eventId, [a.userId, b.userId]);
    const [invA, invB] = [await invitationOf(t, eventId, a.userId), await invitationOf(t, eventId, b.userId)];
    imap.add(reply({ attendee: a.email, uid: invA.uid, organizer: invA.address, messageId: 'imap-a@x' }));
    imap.add(
      reply({
        attendee: b.email,
        uid: invB.uid,
        organizer: invB.address,
        partstat: 'DECLINED',
        messageId: 'imap-b@x',
      }),
    );
    imap.add(
      Buffer.from(
        'From: someone@example.org\r\nSubject: hello\r\nMessage-ID: <imap-c@x>\r\n\r\nnot a reply\r\n',
      ),
    );

    const worker = t.server.app.get(InboundImapWorker);
    await worker.pollOnce(t.env.IMAP_URL ?? '');
    expect(await rsvpOf(t, eventId, a.userId)).toEqual({ status: 'going', source: 'calendar' });
    expect(await rsvpOf(t, eventId, b.userId)).toEqual({ status: 'declined', source: 'calendar' });
    expect(imap.messages.map((m) => m.seen)).toEqual([true, true, true]);
    const rows = await inboundRows(t, `message_id LIKE 'imap-%'`);
    expect(rows.map((r) => [r.message_id, r.outcome, r.reason])).toEqual([
      ['imap-a@x', 'applied', null],
      ['imap-b@x', 'applied', null],
      ['imap-c@x', 'rejected', 'no_calendar'],
    ]);
    expect(rows.every((r) => (r as unknown as { channel: string }).channel === 'imap')).toBe(true);
    expect(imap.commands).toEqual(expect.arrayContaining(['LOGIN', 'SELECT INBOX', 'LOGOUT']));

    // Nothing unseen left: the next poll fetches nothing.
    const before = imap.commands.length;
    await worker.pollOnce(t.env.IMAP_URL ?? '');
    expect(imap.commands.slice(before).filter((c) => /^UID FETCH/i.test(c))).toEqual([]);
  });

  it('logs an oversized message as too_large with the size the server reports, and marks it seen', async () => {
    const big = Buffer.concat([
      Buffer.from('From: big@example.org\r\nMessage-ID: <imap-big@x>\r\n\r\n'),
      Buffer.alloc(t.env.INBOUND_MAX_BYTES + 5000, 0x61),
    ]);
    const uid = imap.add(big);
    await t.server.app.get(InboundImapWorker).pollOnce(t.env.IMAP_URL ?? '');
    expect(
      await t.dataSource.query(
        `SELECT channel, reason, size, details->>'detail' AS detail FROM inbound_messages
          WHERE message_id = 'imap-big@x'`,
      ),
    ).toEqual([
      {
        channel: 'imap',
        reason: 'too_large',
        size: big.length,
        detail: `message is ${big.length} bytes as the mailbox reports it, limit ${t.env.INBOUND_MAX_BYTES}`,
      },
    ]);
    expect(imap.messages.find((m) => m.uid === uid)?.seen).toBe(true);
  });

  it('fails the poll without touching anything when the credentials are wrong', async () => {
    const worker = t.server.app.get(InboundImapWorker);
    imap.add(Buffer.from('Message-ID: <imap-d@x>\r\n\r\nx\r\n'));
    await expect(
      worker.pollOnce(`imap://rsvp%40example.org:wrong@127.0.0.1:${imap.port}/INBOX`),
    ).rejects.toThrow();
    expect(imap.messages[imap.messages.length - 1].seen).toBe(false);
  });
});
