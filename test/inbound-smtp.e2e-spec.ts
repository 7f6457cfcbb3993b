import { createHash } from 'node:crypto';
import { parseInboundEmail } from '@app/inbound';
import { settleFanout } from './support/fanout';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, inDays, person } from './support/fixtures';
import {
  SmtpClient,
  createEvent,
  inboundPort,
  inboundRows,
  invitationOf,
  invite,
  rawSmtpSession,
  reply,
  rsvpOf,
  smtpClient,
} from './support/inbound';
import { buildReplyMessage, generateMalformedMessages } from './support/malformed-mail';

const MAX_BYTES = 64 * 1024;

describe('calendar replies through the inbound SMTP listener (e2e)', () => {
  let t: TestApp;
  let client: SmtpClient;
  let organizer: Person;
  let members: Person[];

  beforeAll(async () => {
    t = await startTestApp({ INBOUND_MAX_BYTES: String(MAX_BYTES) });
    client = smtpClient(inboundPort(t));
    ({ organizer, participants: members } = await groupWithTopic(t, 'replies', { participants: 6 }));
  });
  afterAll(async () => {
    client.close();
    await t.close();
  });

  /** A fresh event with these people invited, and each one's invitation. */
  async function invited(people: Person[], fields: Record<string, unknown> = {}) {
    const eventId = await createEvent(t, 'replies', organizer, { capacity: 10, ...fields });
    await invite(
      t,
      eventId,
      people.map((p) => p.userId),
    );
    const invitations = await Promise.all(people.map((p) => invitationOf(t, eventId, p.userId)));
    return { eventId, invitations };
  }

  async function rsvpCount(eventIds: string[]): Promise<number> {
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM rsvps WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return n;
  }

  it('turns ACCEPTED, TENTATIVE and DECLINED into going, maybe and declined with source calendar', async () => {
    const [a, b, c] = members;
    const { eventId, invitations } = await invited([a, b, c]);
    const answers: Array<[Person, string, string]> = [
      [a, 'ACCEPTED', 'going'],
      [b, 'TENTATIVE', 'maybe'],
      [c, 'DECLINED', 'declined'],
    ];
    for (const [i, [p, partstat]] of answers.entries()) {
      const inv = invitations[i];
      const sent = await client.send(
        reply({ attendee: p.email, uid: inv.uid, organizer: inv.address, partstat, sequence: inv.sequence }),
        inv.address,
        p.email,
      );
      expect(sent).toMatchObject({ ok: true });
    }
    for (const [p, , status] of answers)
      expect(await rsvpOf(t, eventId, p.userId)).toEqual({ status, source: 'calendar' });
    const rows = await inboundRows(t, 'event_id = $1', [eventId]);
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['applied', null],
      ['applied', null],
      ['applied', null],
    ]);
  });

  it('quarantines spoofed replies and changes no RSVP', async () => {
    const [a, b] = members;
    const first = await invited([a, b]);
    const other = await invited([a]);
    const [invA, invB] = first.invitations;
    const attacker = 'someone@evil.example';
    const cases: Array<[string, Buffer, string, string]> = [
      [
        'the token of A with ATTENDEE B',
        reply({ attendee: b.email, uid: invA.uid, organizer: invA.address }),
        invA.address,
        'attendee_mismatch',
      ],
      [
        'a forged From (ATTENDEE A, sent by someone else)',
        reply({ attendee: a.email, from: attacker, uid: invA.uid, organizer: invA.address }),
        invA.address,
        'from_mismatch',
      ],
      [
        'a forged From pretending to be A, answering as B',
        reply({ attendee: b.email, from: a.email, uid: invA.uid, organizer: invA.address }),
        invA.address,
        'attendee_mismatch',
      ],
      [
        "a REPLY for another event's UID",
        reply({ attendee: a.email, uid: other.invitations[0].uid, organizer: invA.address }),
        invA.address,
        'uid_mismatch',
      ],
      [
        'a token for a different person',
        reply({ attendee: a.email, uid: invB.uid, organizer: invB.address }),
        invB.address,
        'attendee_mismatch',
      ],
      [
        "A's reply address with B's invitation as ORGANIZER",
        reply({ attendee: a.email, uid: invA.uid, organizer: invB.address, to: invA.address }),
        invA.address,
        'organizer_mismatch',
      ],
      [
        'an answer for A and B at once',
        reply({
          attendee: a.email,
          uid: invA.uid,
          organizer: invA.address,
          eventLines: [`ATTENDEE;PARTSTAT=ACCEPTED:mailto:${b.email}`],
        }),
        invA.address,
        'multiple_attendees',
      ],
    ];
    for (const [name, raw, to, reason] of cases) {
      const sent = await client.send(raw, to, a.email);
      expect({ name, ok: sent.ok }).toEqual({ name, ok: true });
      const [row] = await t.dataSource.query(
        `SELECT outcome, reason FROM inbound_messages ORDER BY received_at DESC, id DESC LIMIT 1`,
      );
      expect({ name, ...row }).toEqual({ name, outcome: 'quarantined', reason });
    }
    expect(await rsvpCount([first.eventId, other.eventId])).toBe(0);
    const quarantine = await t
      .http()
      .get('/api/inbound/quarantine')
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(
      quarantine.body.items.filter((m: { event: { id: string } }) => m.event.id === first.eventId),
    ).toHaveLength(cases.length);
  });

  it('applies a message delivered five times once, even when the copies arrive together or after a later change', async () => {
    const [, , , d] = members;
    const { eventId, invitations } = await invited([d]);
    const [inv] = invitations;
    const raw = reply({
      attendee: d.email,
      uid: inv.uid,
      organizer: inv.address,
      messageId: 'replay-5x@client.example',
      // Far ahead of what was sent, so only the Message-ID (not a stale SEQUENCE) can stop a replay.
      sequence: 100,
    });
    const parallel = Array.from({ length: 5 }, () => smtpClient(inboundPort(t), 1));
    const results = await Promise.all(parallel.map((c) => c.send(raw, inv.address, d.email)));
    parallel.forEach((c) => c.close());
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await rsvpOf(t, eventId, d.userId)).toMatchObject({ status: 'going' });
    // The member then changes their mind on the web; late copies of the old reply must not undo it.
    await t.http().delete(`/api/events/${eventId}/rsvps/me`).set('Cookie', d.cookie).expect(200);
    for (let i = 0; i < 5; i++)
      expect(await client.send(raw, inv.address, d.email)).toMatchObject({ ok: true });
    expect(await inboundRows(t, 'message_id = $1', ['replay-5x@client.example'])).toHaveLength(1);
    expect(await rsvpOf(t, eventId, d.userId)).toMatchObject({ status: 'declined' });
    const history = await t.dataSource.query(
      `SELECT to_status, source FROM rsvp_history WHERE event_id = $1 AND user_id = $2 ORDER BY id`,
      [eventId, d.userId],
    );
    expect(history).toEqual([
      { to_status: 'going', source: 'calendar' },
      { to_status: 'declined', source: 'web' },
    ]);
  });

  it('takes later answers from the copy the person answered from, and ignores answers to an outdated event', async () => {
    const [, , , , e] = members;
    const { eventId, invitations } = await invited([e]);
    const [inv] = invitations;
    const answer = (partstat: string, sequence: number) =>
      client.send(
        reply({ attendee: e.email, uid: inv.uid, organizer: inv.address, partstat, sequence }),
        inv.address,
        e.email,
      );
    await answer('ACCEPTED', inv.sequence);
    expect(await rsvpOf(t, eventId, e.userId)).toMatchObject({ status: 'going' });
    // The confirmation carried a new REQUEST: an up-to-date calendar now holds a later SEQUENCE.
    const confirmed = (await invitationOf(t, eventId, e.userId)).sequence;
    expect(confirmed).toBeGreaterThan(inv.sequence);
    await answer('DECLINED', confirmed);
    expect(await rsvpOf(t, eventId, e.userId)).toMatchObject({ status: 'declined' });
    // A calendar that never took the confirmation in (another device, a client that ignores personal
    // updates) still answers from the first copy: the event has not changed, so the answer counts.
    await answer('ACCEPTED', inv.sequence);
    expect(await rsvpOf(t, eventId, e.userId)).toMatchObject({ status: 'going' });
    // The organizer moves the event: an answer from a copy older than that move is for another time.
    await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ startsAt: inDays(60, 18), endsAt: inDays(60, 20) })
      .expect(200);
    await settleFanout(t);
    const moved = (await invitationOf(t, eventId, e.userId)).sequence;
    expect(moved).toBeGreaterThan(confirmed);
    await answer('DECLINED', confirmed);
    expect(await rsvpOf(t, eventId, e.userId)).toMatchObject({ status: 'going' });
    await answer('DECLINED', moved);
    expect(await rsvpOf(t, eventId, e.userId)).toMatchObject({ status: 'declined' });
    const rows = await inboundRows(t, 'event_id = $1', [eventId]);
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['applied', null],
      ['applied', null],
      ['applied', null],
      ['ignored', 'stale_sequence'],
      ['applied', null],
    ]);
  });

  it('counts answers from the copy a web RSVP put in the calendar, after later personal notices', async () => {
    const f = members[5];
    const eventId = await createEvent(t, 'replies', organizer, { capacity: 10 });
    // No invitation yet: the web answer's confirmation is the first copy in their calendar.
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', f.cookie)
      .send({ status: 'going' })
      .expect(200);
    const first = await invitationOf(t, eventId, f.userId);
    const answer = (partstat: string) =>
      client.send(
        reply({
          attendee: f.email,
          uid: first.uid,
          organizer: first.address,
          partstat,
          sequence: first.sequence,
        }),
        first.address,
        f.email,
      );
    await answer('TENTATIVE');
    expect(await rsvpOf(t, eventId, f.userId)).toMatchObject({ status: 'maybe', source: 'calendar' });
    expect((await invitationOf(t, eventId, f.userId)).sequence).toBeGreaterThan(first.sequence);
    await answer('DECLINED');
    expect(await rsvpOf(t, eventId, f.userId)).toMatchObject({ status: 'declined', source: 'calendar' });
  });

  it('drops an out-of-office reply and a mail loop, changing nothing', async () => {
    const [a] = members;
    const { eventId, invitations } = await invited([a]);
    const [inv] = invitations;
    const ooo = buildReplyMessage({
      from: a.email,
      to: inv.address,
      subject: 'Automatic reply: Invitation: Peer support evening',
      messageId: 'ooo-1@client.example',
      extraHeaders: ['Auto-Submitted: auto-replied'],
      calendar: Buffer.from(''),
      shape: 'single',
    });
    const oooWithCalendar = reply({
      attendee: a.email,
      uid: inv.uid,
      organizer: inv.address,
      subject: 'Out of office',
      extraHeaders: ['X-Autoreply: yes'],
    });
    const loop = reply({
      attendee: a.email,
      uid: inv.uid,
      organizer: inv.address,
      from: 'Hearth <no-reply@hearth.localhost>',
    });
    for (const raw of [ooo, oooWithCalendar, loop])
      expect(await client.send(raw, inv.address, 'bounces@example.org')).toMatchObject({ ok: true });
    expect(await rsvpOf(t, eventId, a.userId)).toBeNull();
    const rows = await t.dataSource.query(
      `SELECT outcome, reason, raw IS NULL AS raw_cleared FROM inbound_messages
        WHERE envelope_to = ARRAY[$1] ORDER BY received_at`,
      [inv.address],
    );
    expect(rows).toEqual([
      { outcome: 'dropped', reason: 'auto_reply', raw_cleared: true },
      { outcome: 'dropped', reason: 'auto_reply', raw_cleared: true },
      { outcome: 'dropped', reason: 'loop', raw_cleared: true },
    ]);
  });

  it('rejects unknown and revoked reply addresses and malformed calendars', async () => {
    const [a, b] = members;
    const { eventId, invitations } = await invited([a, b]);
    const [invA, invB] = invitations;
    await t.dataSource.query(`UPDATE invitations SET revoked_at = now() WHERE id = $1`, [invB.id]);
    const unknown = `rsvp+${'0'.repeat(52)}@hearth.localhost`;
    await client.send(reply({ attendee: a.email, uid: invA.uid, organizer: unknown }), unknown, a.email);
    await client.send(
      reply({ attendee: b.email, uid: invB.uid, organizer: invB.address }),
      invB.address,
      b.email,
    );
    const broken = reply({ attendee: a.email, uid: invA.uid, organizer: invA.address }).toString('latin1');
    await client.send(
      Buffer.from(broken.replace('END:VEVENT', 'END:VTODO'), 'latin1'),
      invA.address,
      a.email,
    );
    await client.send(
      reply({ attendee: a.email, uid: invA.uid, organizer: invA.address, method: 'REQUEST' }),
      invA.address,
      a.email,
    );
    const rows = await t.dataSource.query(
      `SELECT outcome, reason, event_id FROM inbound_messages WHERE from_address IN ($1, $2)
        AND received_at > now() - interval '1 minute' ORDER BY received_at DESC, id DESC LIMIT 4`,
      [a.email, b.email],
    );
    expect(rows.reverse()).toEqual([
      { outcome: 'rejected', reason: 'unknown_token', event_id: null },
      { outcome: 'rejected', reason: 'revoked_invitation', event_id: eventId },
      { outcome: 'rejected', reason: 'malformed_ical', event_id: eventId },
      { outcome: 'rejected', reason: 'not_reply', event_id: eventId },
    ]);
    expect(await rsvpCount([eventId])).toBe(0);
  });

  it('waitlists an ACCEPTED on a full event (with a mail and an updated REQUEST) and promotes on a DECLINED', async () => {
    const [a, b] = members;
    const { eventId, invitations } = await invited([a, b], { capacity: 1, title: 'Small circle' });
    const [invA, invB] = invitations;
    await client.send(
      reply({ attendee: a.email, uid: invA.uid, organizer: invA.address }),
      invA.address,
      a.email,
    );
    await client.send(
      reply({ attendee: b.email, uid: invB.uid, organizer: invB.address }),
      invB.address,
      b.email,
    );
    expect(await rsvpOf(t, eventId, a.userId)).toMatchObject({ status: 'going' });
    expect(await rsvpOf(t, eventId, b.userId)).toMatchObject({ status: 'waitlisted' });
    const notice = await t.smtp.waitFor(
      b.email,
      (m) => /waitlist/i.test(m.parsed.subject ?? '') && (m.parsed.subject ?? '').includes('Small circle'),
    );
    expect(notice.raw).toMatch(/text\/calendar; ?charset=utf-8; ?method=REQUEST/i);
    expect(notice.raw).not.toContain('Hidden Lane 7');

    const seq = (await invitationOf(t, eventId, a.userId)).sequence;
    await client.send(
      reply({
        attendee: a.email,
        uid: invA.uid,
        organizer: invA.address,
        partstat: 'DECLINED',
        sequence: seq,
      }),
      invA.address,
      a.email,
    );
    expect(await rsvpOf(t, eventId, a.userId)).toMatchObject({ status: 'declined' });
    expect(await rsvpOf(t, eventId, b.userId)).toMatchObject({ status: 'going' });
  });

  it('records DELEGATED as declined with a note, and keeps comments for organizers only', async () => {
    const [a, b] = members;
    const { eventId, invitations } = await invited([a, b]);
    const [invA, invB] = invitations;
    const delegated = reply({
      attendee: a.email,
      uid: invA.uid,
      organizer: invA.address,
      partstat: 'DELEGATED',
    })
      .toString('latin1')
      .replace(
        `PARTSTAT=DELEGATED:mailto:${a.email}`,
        `PARTSTAT=DELEGATED;DELEGATED-TO="mailto:friend@example.org":mailto:${a.email}`,
      );
    await client.send(Buffer.from(delegated, 'latin1'), invA.address, a.email);
    await client.send(
      reply({
        attendee: b.email,
        uid: invB.uid,
        organizer: invB.address,
        eventLines: ['COMMENT:I use a wheelchair\\, is the room step-free?'],
      }),
      invB.address,
      b.email,
    );
    expect(await rsvpOf(t, eventId, a.userId)).toMatchObject({ status: 'declined' });
    expect(await rsvpOf(t, eventId, b.userId)).toMatchObject({ status: 'going' });
    const notes = await t
      .http()
      .get(`/api/inbound/notes?eventId=${eventId}`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(notes.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'delegation',
          delegatedTo: ['friend@example.org'],
          partstat: 'DELEGATED',
        }),
        expect.objectContaining({ kind: 'comment', comment: 'I use a wheelchair, is the room step-free?' }),
      ]),
    );
    const history = await t
      .http()
      .get(`/api/events/${eventId}/rsvp-history`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(JSON.stringify(history.body)).toContain('Delegated to friend@example.org');
    // Notes are for organizers: a member asking gets nothing.
    const asMember = await t
      .http()
      .get(`/api/inbound/notes?eventId=${eventId}`)
      .set('Cookie', b.cookie)
      .expect(200);
    expect(asMember.body).toEqual([]);
  });

  it('asks for the code of conduct by mail when a calendar answer needs it, then the link finishes the answer', async () => {
    const newcomer = await person(t, 'newcomer@replies.test', 'Newcomer');
    const { eventId, invitations } = await invited([newcomer], { cocRequired: true, title: 'CoC evening' });
    const [inv] = invitations;
    await client.send(
      reply({ attendee: newcomer.email, uid: inv.uid, organizer: inv.address }),
      inv.address,
      newcomer.email,
    );
    expect(await rsvpOf(t, eventId, newcomer.userId)).toBeNull();
    expect((await inboundRows(t, 'event_id = $1', [eventId])).map((r) => [r.outcome, r.reason])).toEqual([
      ['ignored', 'coc_required'],
    ]);
    const mail = await t.smtp.waitFor(newcomer.email, (m) =>
      (m.parsed.subject ?? '').startsWith('One more step'),
    );
    const link = new URL((mail.parsed.text ?? '').match(/https?:\/\/\S+\/rsvp\/\S+/)?.[0] ?? '');
    const token = link.pathname.split('/')[2];
    expect(link.searchParams.get('answer')).toBe('going');
    const page = await t.http().post(`/rsvp/${token}`).type('form').send({ answer: 'going' }).expect(200);
    expect(page.text).toContain('Be kind.');
    expect(await rsvpOf(t, eventId, newcomer.userId)).toBeNull();
    const done = await t
      .http()
      .post(`/rsvp/${token}`)
      .type('form')
      .send({ answer: 'going', coc: 'yes' })
      .expect(200);
    expect(done.text).toContain('You&#39;re going');
    expect(await rsvpOf(t, eventId, newcomer.userId)).toEqual({ status: 'going', source: 'link' });
  });

  it('refuses relaying, too many recipients and oversized mail, and offers neither AUTH nor STARTTLS', async () => {
    const [a] = members;
    const { invitations } = await invited([a]);
    const [inv] = invitations;
    const raw = reply({ attendee: a.email, uid: inv.uid, organizer: inv.address });
    expect(await client.send(raw, 'someone@elsewhere.example', a.email)).toMatchObject({
      ok: false,
      code: 550,
    });
    const many = Array.from({ length: 11 }, (_, i) => `rsvp+x${i}@hearth.localhost`);
    const session = await rawSmtpSession(inboundPort(t), [
      'EHLO client.example',
      'MAIL FROM:<a@example.org>',
      ...many.map((m) => `RCPT TO:<${m}>`),
      'QUIT',
    ]);
    expect(session).not.toMatch(/AUTH|STARTTLS/);
    // MAIL FROM and the first ten RCPT TO are accepted, the eleventh is not.
    expect((session.match(/^250 Accepted/gm) ?? []).length).toBe(11);
    expect(session).toMatch(/^452 /m);

    const big = reply({
      attendee: a.email,
      uid: inv.uid,
      organizer: inv.address,
      messageId: 'too-big@client.example',
      eventLines: [`DESCRIPTION:${'x'.repeat(MAX_BYTES)}`],
    });
    expect(await client.send(big, inv.address, a.email)).toMatchObject({ ok: false, code: 552 });
    expect(await inboundRows(t, 'message_id = $1', ['too-big@client.example'])).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: 'too_large', raw: null }),
    ]);
  });

  it('logs oversized mail with its declared SIZE when refused at MAIL FROM, and with its counted size after DATA', async () => {
    const [a] = members;
    const { invitations } = await invited([a]);
    const [inv] = invitations;
    const sizeOf = (where: string, params: unknown[]) =>
      t.dataSource.query(
        `SELECT outcome, reason, size, details->>'detail' AS detail FROM inbound_messages
          WHERE ${where} ORDER BY received_at, id`,
        params,
      );

    // With SIZE: refused before DATA, and still one log row per refusal with the declared size.
    const declared = await rawSmtpSession(inboundPort(t), [
      'EHLO client.example',
      'MAIL FROM:<declared@big.example> SIZE=9999999',
      'MAIL FROM:<declared@big.example> SIZE=99999999999999999999',
      'QUIT',
    ]);
    expect(declared).toMatch(/^250[- ]SIZE\r?$/m);
    expect(declared.match(/^552 5\.3\.4 /gm)).toHaveLength(2);
    expect(await sizeOf('envelope_from = $1', ['declared@big.example'])).toEqual([
      {
        outcome: 'rejected',
        reason: 'too_large',
        size: 9999999,
        detail: `message is 9999999 bytes as declared with SMTP SIZE (refused before it was sent), limit ${MAX_BYTES}`,
      },
      {
        outcome: 'rejected',
        reason: 'too_large',
        size: 2147483647,
        detail: `message is more than 9007199254740991 bytes as declared with SMTP SIZE (refused before it was sent), limit ${MAX_BYTES}`,
      },
    ]);
    // A SIZE within the limit is accepted as before.
    const small = await rawSmtpSession(inboundPort(t), [
      'EHLO client.example',
      'MAIL FROM:<small@big.example> SIZE=1000',
      'QUIT',
    ]);
    expect(small).toMatch(/^250 Accepted/m);
    expect(await sizeOf('envelope_from = $1', ['small@big.example'])).toEqual([]);

    // Without SIZE (and with a SIZE that understates it): every byte of DATA is counted.
    const big = (messageId: string) =>
      reply({
        attendee: a.email,
        uid: inv.uid,
        organizer: inv.address,
        messageId,
        eventLines: [`DESCRIPTION:${'x'.repeat(MAX_BYTES * 3)}`],
      });
    const plain = big('counted-1@client.example');
    expect(await client.send(plain, inv.address, a.email)).toMatchObject({ ok: false, code: 552 });
    const understated = big('counted-2@client.example');
    const session = await rawSmtpSession(inboundPort(t), [
      'EHLO client.example',
      'MAIL FROM:<liar@big.example> SIZE=1000',
      `RCPT TO:<${inv.address}>`,
      'DATA',
      // The message ends with CRLF, which with this line's own ends DATA (no line starts with a dot).
      `${understated.toString('latin1')}.`,
      'QUIT',
    ]);
    expect(session).toMatch(/^552 5\.3\.4 /m);
    for (const [id, raw] of [
      ['counted-1@client.example', plain],
      ['counted-2@client.example', understated],
    ] as const)
      expect(await sizeOf('message_id = $1', [id])).toEqual([
        {
          outcome: 'rejected',
          reason: 'too_large',
          size: raw.length,
          detail: `message is ${raw.length} bytes, limit ${MAX_BYTES}`,
        },
      ]);
  });

  it('keeps answering through 1,000 malformed messages and garbage, logging each with a reason and changing no RSVP', async () => {
    const [, , , , , f] = members;
    const { eventId, invitations } = await invited([f]);
    const [inv] = invitations;
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM rsvps`);
    const cases = generateMalformedMessages({
      maxBytes: MAX_BYTES,
      inboundDomain: t.env.INBOUND_DOMAIN,
      ownAddress: 'no-reply@hearth.localhost',
    });
    // Copies of one message (same Message-ID, or the same bytes when there is none) are logged once;
    // every other message must be in the log, found by the envelope sender each one is sent with.
    const firstOfKey = new Map<string, number>();
    for (const [index, c] of cases.entries()) {
      const parsed = await parseInboundEmail(c.raw, {
        inboundDomain: t.env.INBOUND_DOMAIN,
        ownAddresses: [],
        maxBytes: MAX_BYTES,
      });
      const key = parsed.flags.messageIdSynthesized
        ? `raw:${createHash('sha256').update(c.raw).digest('hex')}`
        : `id:${parsed.messageId}`;
      if (!firstOfKey.has(key)) firstOfKey.set(key, index);
    }
    const pool = smtpClient(inboundPort(t), 8);
    const results = [];
    for (let i = 0; i < cases.length; i += 8) {
      const batch = cases.slice(i, i + 8);
      // Half go to a real invitation's reply address, half to a made-up one.
      results.push(
        ...(await Promise.all(
          batch.map((c, j) =>
            pool.send(
              c.raw,
              (i + j) % 2 === 0 ? inv.address : `rsvp+${'ab'.repeat(26)}@hearth.localhost`,
              `case-${i + j}@probe.example`,
            ),
          ),
        )),
      );
    }
    pool.close();
    const refused = results.filter((r) => !r.ok) as Array<{ ok: false; code: number }>;
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(refused.length > 0 ? [552] : []));
    expect(refused.length).toBe(cases.filter((c) => c.raw.length > MAX_BYTES).length);

    const garbage = await rawSmtpSession(inboundPort(t), [
      'HELO \u0000\u00ff',
      'XYZZY',
      'RCPT TO:<<<>>>',
      'QUIT',
    ]);
    expect(garbage).toMatch(/^221 /m);
    const junk = await rawSmtpSession(inboundPort(t), [
      'EHLO client.example',
      'MAIL FROM:<>',
      'RCPT TO:<rsvp+abc@hearth.localhost>',
      'DATA',
      '\u0000\u0001binary',
      '..',
      'From: x',
      '.',
      'QUIT',
    ]);
    expect(junk).toMatch(/^250 OK: message queued/m);

    const logged: Array<{ envelope_from: string; outcome: string; reason: string | null }> =
      await t.dataSource.query(
        `SELECT envelope_from, outcome, reason FROM inbound_messages WHERE envelope_from LIKE '%@probe.example'`,
      );
    const loggedCases = new Set(logged.map((r) => Number(/^case-(\d+)@/.exec(r.envelope_from)?.[1])));
    expect([...firstOfKey.values()].filter((index) => !loggedCases.has(index))).toEqual([]);
    expect(logged).toHaveLength(firstOfKey.size);
    expect(logged.filter((r) => r.reason === null || r.outcome === 'applied')).toEqual([]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM rsvps`)).toEqual(before);

    // Still answering: a genuine reply right after is applied.
    expect(
      await client.send(
        reply({ attendee: f.email, uid: inv.uid, organizer: inv.address }),
        inv.address,
        f.email,
      ),
    ).toMatchObject({ ok: true });
    expect(await rsvpOf(t, eventId, f.userId)).toMatchObject({ status: 'going' });
  });

  it('deletes the inbound mail about a person, and the mail they sent, when they are deleted', async () => {
    const leaver = await person(t, 'leaver@replies.test', 'Leaver');
    const { invitations } = await invited([leaver]);
    const [inv] = invitations;
    await client.send(
      reply({ attendee: leaver.email, uid: inv.uid, organizer: inv.address }),
      inv.address,
      leaver.email,
    );
    const unknown = `rsvp+${'1'.repeat(52)}@hearth.localhost`;
    await client.send(
      reply({
        attendee: leaver.email,
        uid: inv.uid,
        organizer: unknown,
        messageId: 'unmatched@leaver.example',
      }),
      unknown,
      leaver.email,
    );
    const mine = `from_address = 'leaver@replies.test' OR user_id = $1`;
    expect(await inboundRows(t, mine, [leaver.userId])).toHaveLength(2);
    await t.dataSource.query(`DELETE FROM users WHERE id = $1`, [leaver.userId]);
    expect(await inboundRows(t, mine, [leaver.userId])).toEqual([]);
  });
});
