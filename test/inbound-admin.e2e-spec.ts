import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, person } from './support/fixtures';
import {
  SmtpClient,
  createEvent,
  inboundPort,
  invitationOf,
  invite,
  reply,
  rsvpOf,
  smtpClient,
} from './support/inbound';

const SECRET = 'inbound-webhook-secret-0123456789-abcdef';

describe('the inbound webhook and the organizers’ inbound log (e2e)', () => {
  let t: TestApp;
  let client: SmtpClient;
  let organizer: Person;
  let otherOrganizer: Person;
  let members: Person[];
  let owner: Person;

  beforeAll(async () => {
    t = await startTestApp({ INBOUND_WEBHOOK_SECRET: SECRET, INBOUND_MAX_BYTES: String(64 * 1024) });
    client = smtpClient(inboundPort(t));
    ({ organizer, participants: members } = await groupWithTopic(t, 'circle', { participants: 4 }));
    ({ organizer: otherOrganizer } = await groupWithTopic(t, 'elsewhere'));
    owner = await person(t, 'owner@hearth.test');
  });
  afterAll(async () => {
    client.close();
    await t.close();
  });

  async function invited(people: Person[], fields: Record<string, unknown> = {}) {
    const eventId = await createEvent(t, 'circle', organizer, { capacity: 10, ...fields });
    await invite(
      t,
      eventId,
      people.map((p) => p.userId),
    );
    return { eventId, invitations: await Promise.all(people.map((p) => invitationOf(t, eventId, p.userId))) };
  }

  describe('POST /api/inbound/mime', () => {
    const post = (body: Buffer | string, type = 'message/rfc822') =>
      t.http().post('/api/inbound/mime').set('Content-Type', type).send(body);

    it('refuses callers without the shared secret', async () => {
      const [a] = members;
      const { invitations } = await invited([a]);
      const raw = reply({ attendee: a.email, uid: invitations[0].uid, organizer: invitations[0].address });
      await post(raw).expect(401);
      await post(raw).set('Authorization', 'Bearer wrong-secret').expect(401);
      await post(raw).set('Authorization', `Bearer ${SECRET}x`).expect(401);
      await post(raw).set('X-Hearth-Inbound-Secret', SECRET.slice(1)).expect(401);
      await post(raw).set('Cookie', owner.cookie).expect(401);
      const res = await post(raw).set('Authorization', `Bearer ${SECRET.toUpperCase()}`).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM inbound_messages WHERE channel = 'webhook'`),
      ).toEqual([{ n: 0 }]);
    });

    it('applies a raw message sent as message/rfc822, text/plain or octet-stream, once', async () => {
      const [a, b, c] = members;
      const { eventId, invitations } = await invited([a, b, c]);
      const [invA, invB, invC] = invitations;
      const rawA = reply({
        attendee: a.email,
        uid: invA.uid,
        organizer: invA.address,
        messageId: 'webhook-a@client.example',
      });
      const first = await post(rawA).set('Authorization', `Bearer ${SECRET}`).expect(200);
      expect(first.body).toMatchObject({
        messageId: 'webhook-a@client.example',
        duplicate: false,
        outcome: 'applied',
        reason: null,
        rsvpStatus: 'going',
      });
      const again = await post(rawA).set('Authorization', `Bearer ${SECRET}`).expect(200);
      expect(again.body).toMatchObject({ duplicate: true, outcome: 'applied', id: first.body.id });

      await post(
        reply({ attendee: b.email, uid: invB.uid, organizer: invB.address, partstat: 'TENTATIVE' }),
        'text/plain; charset=utf-8',
      )
        .set('X-Hearth-Inbound-Secret', SECRET)
        .expect(200);
      // The envelope the provider reports decides when the headers name nobody.
      const rawC = reply({
        attendee: c.email,
        uid: invC.uid,
        organizer: invC.address,
        to: 'group-list@example.org',
        partstat: 'DECLINED',
      });
      const viaEnvelope = await post(rawC, 'application/octet-stream')
        .set('Authorization', `Bearer ${SECRET}`)
        .set('X-Envelope-To', invC.address)
        .set('X-Envelope-From', c.email)
        .expect(200);
      expect(viaEnvelope.body).toMatchObject({ outcome: 'applied', rsvpStatus: 'declined' });
      expect(await rsvpOf(t, eventId, a.userId)).toEqual({ status: 'going', source: 'calendar' });
      expect(await rsvpOf(t, eventId, b.userId)).toEqual({ status: 'maybe', source: 'calendar' });
      expect(await rsvpOf(t, eventId, c.userId)).toEqual({ status: 'declined', source: 'calendar' });
      const rows = await t.dataSource.query(
        `SELECT channel, details->>'tokenSource' AS source FROM inbound_messages WHERE event_id = $1 ORDER BY received_at`,
        [eventId],
      );
      expect(rows).toEqual([
        { channel: 'webhook', source: 'headers' },
        { channel: 'webhook', source: 'headers' },
        { channel: 'webhook', source: 'envelope' },
      ]);
    });

    it('refuses an empty or JSON body, and a body over INBOUND_MAX_BYTES', async () => {
      const auth = { Authorization: `Bearer ${SECRET}` };
      await post('', 'message/rfc822').set(auth).expect(400);
      const json = await t.http().post('/api/inbound/mime').set(auth).send({ raw: 'x' }).expect(400);
      expect(json.body.code).toBe('VALIDATION_FAILED');
      // Too large: logged as too_large without the message (after the secret check), then refused.
      const big = Buffer.concat([
        Buffer.from('From: big@example.org\r\nMessage-ID: <too-big@client.example>\r\n\r\n'),
        Buffer.alloc(64 * 1024 + 10, 0x61),
      ]);
      await post(big).expect(401);
      const refused = await post(big).set(auth).set('X-Envelope-From', 'big@example.org').expect(413);
      expect(refused.body.code).toBe('PAYLOAD_TOO_LARGE');
      const logged = await t.dataSource.query(
        `SELECT channel, outcome, reason, size, raw IS NULL AS raw_cleared, details->>'detail' AS detail
           FROM inbound_messages WHERE envelope_from = 'big@example.org'`,
      );
      expect(logged).toEqual([
        {
          channel: 'webhook',
          outcome: 'rejected',
          reason: 'too_large',
          size: big.length,
          raw_cleared: true,
          detail: `message is ${big.length} bytes, limit ${64 * 1024}`,
        },
      ]);
      // Far over the limit (past max(2 × limit, 1 MiB)): reading stops, and it is still logged, with
      // the size its Content-Length declares.
      const huge = Buffer.concat([
        Buffer.from('From: huge@example.org\r\nMessage-ID: <far-too-big@client.example>\r\n\r\n'),
        Buffer.alloc(3 * 1024 * 1024, 0x61),
      ]);
      const far = await post(huge).set(auth).set('X-Envelope-From', 'huge@example.org').expect(413);
      expect(far.body.message).toBe(
        `The message is ${huge.length} bytes as declared by Content-Length; the limit is ${64 * 1024}`,
      );
      expect(
        await t.dataSource.query(
          `SELECT message_id, reason, size, details->>'detail' AS detail FROM inbound_messages
            WHERE envelope_from = 'huge@example.org'`,
        ),
      ).toEqual([
        {
          message_id: 'far-too-big@client.example',
          reason: 'too_large',
          size: huge.length,
          detail: `message is ${huge.length} bytes as declared by Content-Length, limit ${64 * 1024}`,
        },
      ]);
      // Other routes keep refusing raw mail types.
      await t.http().post('/api/auth/login').set('Content-Type', 'message/rfc822').send('x').expect(415);
    });

    it('is absent while INBOUND_WEBHOOK_SECRET is unset', async () => {
      const bare = await startTestApp();
      try {
        const res = await bare
          .http()
          .post('/api/inbound/mime')
          .set('Content-Type', 'message/rfc822')
          .set('Authorization', `Bearer ${SECRET}`)
          .send('From: a@example.org\r\n\r\nhello')
          .expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      } finally {
        await bare.close();
      }
    });
  });

  describe('inbound log and quarantine', () => {
    let eventId: string;
    let quarantinedId: string;
    let toDismissId: string;
    let multiId: string;

    beforeAll(async () => {
      const [a, b, c] = members;
      const made = await invited([a, b, c], { title: 'Quarantine night' });
      eventId = made.eventId;
      const [invA, invB, invC] = made.invitations;
      // A answers from an alias (From differs): quarantined, then applied by the organizer.
      await client.send(
        reply({ attendee: a.email, from: 'a.alias@example.org', uid: invA.uid, organizer: invA.address }),
        invA.address,
        'a.alias@example.org',
      );
      // B's address answering as C: dismissed by the organizer.
      await client.send(
        reply({ attendee: c.email, uid: invB.uid, organizer: invB.address }),
        invB.address,
        c.email,
      );
      // Answering for two people: quarantined, no single answer to apply.
      await client.send(
        reply({
          attendee: c.email,
          uid: invC.uid,
          organizer: invC.address,
          eventLines: [`ATTENDEE;PARTSTAT=ACCEPTED:mailto:${b.email}`],
        }),
        invC.address,
        c.email,
      );
      // A proposal of a new time, and an answer sent to two invitations at once (no event: owner only).
      await client.send(
        reply({
          attendee: b.email,
          uid: invB.uid,
          organizer: invB.address,
          method: 'COUNTER',
          eventLines: ['COMMENT:Could we start an hour later?'],
        }),
        invB.address,
        b.email,
      );
      await client.send(
        reply({ attendee: b.email, uid: invB.uid, organizer: invB.address }),
        [invA.address, invB.address],
        b.email,
      );
      const rows = await t.dataSource.query(
        `SELECT id, reason FROM inbound_messages WHERE outcome = 'quarantined' AND (event_id = $1 OR event_id IS NULL) ORDER BY received_at`,
        [eventId],
      );
      expect(rows.map((r: { reason: string }) => r.reason)).toEqual([
        'from_mismatch',
        'attendee_mismatch',
        'multiple_attendees',
        'ambiguous_recipient',
      ]);
      [quarantinedId, toDismissId, multiId] = rows.map((r: { id: string }) => r.id);
    });

    it('filters the log by Message-ID (with or without <>), by event and by outcome, and refuses bad filters', async () => {
      const [proposal] = await t.dataSource.query(
        `SELECT id, message_id FROM inbound_messages WHERE event_id = $1 AND outcome = 'proposal'`,
        [eventId],
      );
      const list = async (who: Person, query: string) =>
        (await t.http().get(`/api/inbound/messages?${query}`).set('Cookie', who.cookie).expect(200)).body
          .items as Array<{ id: string; messageId: string; outcome: string; event: { id: string } | null }>;
      const bare = encodeURIComponent(proposal.message_id);
      const bracketed = encodeURIComponent(`<${proposal.message_id}>`);
      for (const q of [
        `messageId=${bare}`,
        `messageId=${bracketed}`,
        `messageId=${bracketed}&outcome=proposal`,
      ])
        expect((await list(organizer, `${q}&eventId=${eventId}`)).map((m) => m.id)).toEqual([proposal.id]);
      expect((await list(owner, `messageId=${bracketed}`)).map((m) => m.messageId)).toEqual([
        proposal.message_id,
      ]);
      // Filters narrow; they never widen what someone may see.
      expect(await list(organizer, `messageId=${bare}&outcome=quarantined`)).toEqual([]);
      expect(await list(organizer, `messageId=${bare}&eventId=00000000-0000-4000-8000-000000000000`)).toEqual(
        [],
      );
      expect(await list(otherOrganizer, `messageId=${bare}`)).toEqual([]);
      const quarantined = await list(organizer, `eventId=${eventId}&outcome=quarantined`);
      expect(quarantined.length).toBeGreaterThan(0);
      expect(quarantined.every((m) => m.outcome === 'quarantined' && m.event?.id === eventId)).toBe(true);

      for (const bad of [
        'messageId=two%20ids',
        'messageId=%3C%3Cx%3E%3E',
        'messageId=',
        'eventId=not-a-uuid',
        'outcome=bogus',
        'reason=nonsense',
        'limit=0',
      ]) {
        const res = await t.http().get(`/api/inbound/messages?${bad}`).set('Cookie', organizer.cookie);
        expect({ bad, status: res.status, code: res.body.code }).toEqual({
          bad,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    });

    it('shows organizers their events’ log, pages it, filters by outcome, and shows others nothing', async () => {
      const mine = await t
        .http()
        .get(`/api/inbound/messages?eventId=${eventId}`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(mine.body.items.map((m: { reason: string | null }) => m.reason)).toEqual([
        null,
        'multiple_attendees',
        'attendee_mismatch',
        'from_mismatch',
      ]);
      expect(mine.body.items[3]).toMatchObject({
        outcome: 'quarantined',
        from: 'a.alias@example.org',
        event: { id: eventId, title: 'Quarantine night' },
        invitee: { userId: members[0].userId },
        intent: { kind: 'rsvp', partstat: 'ACCEPTED' },
        flags: { fromMatchesAttendee: false },
      });
      // No raw message in the log: no `raw` key anywhere (message ids are random and may spell "raw").
      expect(JSON.stringify(mine.body)).not.toMatch(/"raw[A-Za-z]*":/);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
          .http()
          .get(`/api/inbound/messages?eventId=${eventId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .set('Cookie', organizer.cookie)
          .expect(200);
        seen.push(...page.body.items.map((m) => m.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(mine.body.items.map((m: { id: string }) => m.id));

      const proposals = await t
        .http()
        .get(`/api/inbound/messages?outcome=proposal&eventId=${eventId}`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(proposals.body.items).toHaveLength(1);
      await t.http().get('/api/inbound/messages?outcome=bogus').set('Cookie', organizer.cookie).expect(400);

      for (const outsider of [otherOrganizer, members[0]]) {
        const none = await t.http().get('/api/inbound/messages').set('Cookie', outsider.cookie).expect(200);
        expect(
          none.body.items.filter((m: { event: { id: string } | null }) => m.event?.id === eventId),
        ).toEqual([]);
        await t
          .http()
          .get(`/api/inbound/messages/${quarantinedId}`)
          .set('Cookie', outsider.cookie)
          .expect(404);
      }
      await t.http().get('/api/inbound/messages').expect(401);

      const all = await t
        .http()
        .get('/api/inbound/quarantine?limit=100')
        .set('Cookie', owner.cookie)
        .expect(200);
      expect(all.body.items.map((m: { reason: string }) => m.reason)).toContain('ambiguous_recipient');
      const orgQ = await t
        .http()
        .get('/api/inbound/quarantine?limit=100')
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(orgQ.body.items.map((m: { reason: string }) => m.reason)).not.toContain('ambiguous_recipient');
    });

    it('lets an organizer apply a quarantined answer once, recorded with who decided', async () => {
      const [a] = members;
      await t
        .http()
        .post(`/api/inbound/messages/${quarantinedId}/apply`)
        .set('Cookie', otherOrganizer.cookie)
        .expect(404);
      await t
        .http()
        .post(`/api/inbound/messages/${quarantinedId}/apply`)
        .set('Cookie', owner.cookie)
        .expect(403);
      expect(await rsvpOf(t, eventId, a.userId)).toBeNull();
      const applied = await t
        .http()
        .post(`/api/inbound/messages/${quarantinedId}/apply`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(applied.body).toMatchObject({
        outcome: 'quarantined',
        resolution: { decision: 'applied', by: organizer.userId },
        rsvp: { status: 'going', changed: true },
      });
      expect(await rsvpOf(t, eventId, a.userId)).toEqual({ status: 'going', source: 'calendar' });
      const [history] = await t.dataSource.query(
        `SELECT source, actor_id, note FROM rsvp_history WHERE event_id = $1 AND user_id = $2`,
        [eventId, a.userId],
      );
      expect(history).toMatchObject({ source: 'calendar', actor_id: organizer.userId });
      const twice = await t
        .http()
        .post(`/api/inbound/messages/${quarantinedId}/apply`)
        .set('Cookie', organizer.cookie)
        .expect(409);
      expect(twice.body.code).toBe('INBOUND_ALREADY_RESOLVED');
      const q = await t
        .http()
        .get(`/api/inbound/quarantine?eventId=${eventId}`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(q.body.items.map((m: { id: string }) => m.id)).not.toContain(quarantinedId);
    });

    it('lets an organizer dismiss, and refuses what cannot be applied', async () => {
      const [, , c] = members;
      const dismissed = await t
        .http()
        .post(`/api/inbound/messages/${toDismissId}/dismiss`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(dismissed.body.resolution).toMatchObject({ decision: 'dismissed', by: organizer.userId });
      expect(await rsvpOf(t, eventId, c.userId)).toBeNull();
      const multi = await t
        .http()
        .post(`/api/inbound/messages/${multiId}/apply`)
        .set('Cookie', organizer.cookie)
        .expect(422);
      expect(multi.body.code).toBe('INBOUND_NOT_APPLICABLE');
      const [{ id: applied }] = await t.dataSource.query(
        `SELECT id FROM inbound_messages WHERE outcome = 'proposal' AND event_id = $1`,
        [eventId],
      );
      const notQ = await t
        .http()
        .post(`/api/inbound/messages/${applied}/apply`)
        .set('Cookie', organizer.cookie)
        .expect(409);
      expect(notQ.body.code).toBe('INBOUND_NOT_QUARANTINED');
      await t
        .http()
        .post('/api/inbound/messages/not-a-uuid/apply')
        .set('Cookie', organizer.cookie)
        .expect(400);
      await t
        .http()
        .post('/api/inbound/messages/00000000-0000-0000-0000-000000000000/dismiss')
        .set('Cookie', organizer.cookie)
        .expect(404);
      const [{ id: ambiguous }] = await t.dataSource.query(
        `SELECT id FROM inbound_messages WHERE reason = 'ambiguous_recipient' ORDER BY received_at DESC LIMIT 1`,
      );
      await t
        .http()
        .post(`/api/inbound/messages/${ambiguous}/dismiss`)
        .set('Cookie', organizer.cookie)
        .expect(404);
      await t
        .http()
        .post(`/api/inbound/messages/${ambiguous}/dismiss`)
        .set('Cookie', owner.cookie)
        .expect(200);
    });

    it('shows proposals and comments as notes for the event’s organizers', async () => {
      const notes = await t
        .http()
        .get(`/api/inbound/notes?eventId=${eventId}`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(notes.body).toEqual([
        expect.objectContaining({
          kind: 'proposal',
          comment: 'Could we start an hour later?',
          proposal: expect.objectContaining({ start: '2026-01-10T18:00:00.000Z', source: 'counter' }),
          invitee: expect.objectContaining({ userId: members[1].userId }),
        }),
      ]);
      const outsider = await t
        .http()
        .get(`/api/inbound/notes?eventId=${eventId}`)
        .set('Cookie', otherOrganizer.cookie)
        .expect(200);
      expect(outsider.body).toEqual([]);
      expect(await rsvpOf(t, eventId, members[1].userId)).toBeNull();
    });

    it('tells the group’s organizers of a proposed time by mail, once, and nobody else', async () => {
      const sent = await t.dataSource.query(
        `SELECT user_id, about_user_id, recipient, subject, text_body FROM outbox_messages WHERE purpose = 'rsvp_proposal'`,
      );
      expect(sent).toEqual([
        expect.objectContaining({
          user_id: organizer.userId,
          // It names the member: deleting them deletes it.
          about_user_id: members[1].userId,
          recipient: organizer.email,
          subject: 'Member 1 proposed another time for Quarantine night',
        }),
      ]);
      expect(sent[0].text_body).toContain('“Could we start an hour later?”');
      expect(sent[0].text_body).toContain(`/admin/events/${eventId}`);
      // The same message delivered again is a duplicate: logged once, nobody told twice.
      const [{ message_id: messageId }] = await t.dataSource.query(
        `SELECT message_id FROM inbound_messages WHERE outcome = 'proposal' AND event_id = $1`,
        [eventId],
      );
      const [{ raw }] = await t.dataSource.query(`SELECT raw FROM inbound_messages WHERE message_id = $1`, [
        messageId,
      ]);
      const invB = await invitationOf(t, eventId, members[1].userId);
      expect(await client.send(raw, invB.address, members[1].email)).toMatchObject({ ok: true });
      const count = async (): Promise<number> =>
        (
          await t.dataSource.query(
            `SELECT count(*)::int AS n FROM outbox_messages WHERE purpose = 'rsvp_proposal'`,
          )
        )[0].n;
      expect(await count()).toBe(1);
      // Another proposal within the hour is logged for the admin app, but mails nobody.
      await client.send(
        reply({
          attendee: members[1].email,
          uid: invB.uid,
          organizer: invB.address,
          method: 'COUNTER',
          messageId: 'second-proposal@client.example',
        }),
        invB.address,
        members[1].email,
      );
      const [{ outcome }] = await t.dataSource.query(
        `SELECT outcome FROM inbound_messages WHERE message_id = 'second-proposal@client.example'`,
      );
      expect(outcome).toBe('proposal');
      expect(await count()).toBe(1);
    });
  });
});
