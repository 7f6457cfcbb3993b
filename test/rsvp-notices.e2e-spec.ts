import { TestApp, startTestApp } from './support/app';
import { settleNotices } from './support/fanout';
import { Person, groupWithTopic, hoursAfter, inDays } from './support/fixtures';

interface OutboxRow {
  purpose: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  calendar: { content: string } | null;
  compose: { kind: string; answer: string; sequence: number } | null;
}

/*
 * An RSVP's notice is queued as an intent in the RSVP's transaction and composed after commit by the
 * worker (issue #14). The app runs as `api` (no worker): the intents wait until settleNotices
 * composes them, as a worker process would.
 */
describe('RSVP notices composed after commit (e2e)', () => {
  let t: TestApp;
  let participants: Person[];
  let eventId: string;

  const outboxFor = async (userId: string): Promise<OutboxRow[]> =>
    t.dataSource.query<OutboxRow[]>(
      `SELECT purpose, subject, text_body, html_body, calendar, compose FROM outbox_messages
        WHERE user_id = $1 AND event_id = $2 ORDER BY queue_position`,
      [userId, eventId],
    );

  beforeAll(async () => {
    t = await startTestApp({ HEARTH_ROLE: 'api' });
    let organizer: Person;
    ({ organizer, participants } = await groupWithTopic(t, 'notices', { participants: 3 }));
    const startsAt = inDays(10);
    const res = await t
      .http()
      .post('/api/groups/notices/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Dinner',
        startsAt,
        endsAt: hoursAfter(startsAt, 2),
        timezone: 'Europe/Berlin',
        venueName: 'Hidden Place',
        venueAddress: 'Secret Lane 7, Berlin',
        locationVisibility: 'attendees',
      })
      .expect(201);
    eventId = res.body.id as string;
  });
  afterAll(() => t.close());

  const rsvp = (p: Person, status: string) =>
    t.http().post(`/api/events/${eventId}/rsvps`).set('Cookie', p.cookie).send({ status }).expect(200);

  it('commits the intent with the RSVP, and the worker composes the mail (HTML and iCalendar) after', async () => {
    const [a] = participants;
    await rsvp(a, 'going');
    const [queued] = await outboxFor(a.userId);
    expect(queued).toMatchObject({
      purpose: 'event_confirmed',
      subject: '',
      html_body: null,
      calendar: null,
    });
    expect(queued.compose).toMatchObject({ kind: 'confirmed', answer: 'going' });
    // Not sent while it is an intent: the dispatcher skips it.
    await settleNotices(t);
    const [composed] = await outboxFor(a.userId);
    expect(composed.compose).toBeNull();
    expect(composed.subject).not.toBe('');
    expect(composed.text_body).toContain('Secret Lane 7, Berlin');
    expect(composed.html_body).toContain('Secret Lane 7, Berlin');
    expect(composed.calendar?.content).toContain('METHOD:REQUEST');
    expect(composed.calendar?.content).toMatch(/PARTSTAT=ACCEPTED/);
    expect(composed.calendar?.content).toContain(`SEQUENCE:${queued.compose?.sequence}`);
  });

  it('decides language and venue visibility when composing: a person who cancelled meanwhile is not shown the venue', async () => {
    const [, b, c] = participants;
    await rsvp(b, 'going');
    await t.http().delete(`/api/events/${eventId}/rsvps/me`).set('Cookie', b.cookie).expect(200);
    await rsvp(c, 'going');
    await t.dataSource.query(`UPDATE users SET locale = 'ar' WHERE id = $1`, [c.userId]);
    await settleNotices(t);
    const [forB] = await outboxFor(b.userId);
    expect(forB.purpose).toBe('event_confirmed');
    expect(forB.text_body).not.toContain('Secret Lane 7');
    expect(forB.html_body).not.toContain('Secret Lane 7');
    expect(forB.calendar?.content).not.toContain('Secret Lane 7');
    // The notice reports the answer it was queued for.
    expect(forB.calendar?.content).toMatch(/PARTSTAT=ACCEPTED/);
    const [forC] = await outboxFor(c.userId);
    expect(forC.subject).toMatch(/[\u0600-\u06ff]/);
    expect(forC.text_body).toContain('Secret Lane 7, Berlin');
  });

  it('drops an intent whose invitation was withdrawn before it was composed', async () => {
    const [a] = participants;
    await t.http().delete(`/api/events/${eventId}/rsvps/me`).set('Cookie', a.cookie).expect(200);
    await rsvp(a, 'maybe');
    const before = await outboxFor(a.userId);
    expect(before.at(-1)?.compose).toMatchObject({ kind: 'maybe', answer: 'maybe' });
    await t.dataSource.query(
      `UPDATE invitations SET revoked_at = now() WHERE event_id = $1 AND user_id = $2`,
      [eventId, a.userId],
    );
    await settleNotices(t);
    const after = await outboxFor(a.userId);
    expect(after).toHaveLength(before.length - 1);
    expect(after.every((row) => row.compose === null)).toBe(true);
  });
});
