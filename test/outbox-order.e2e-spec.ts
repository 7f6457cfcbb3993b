import ICAL from 'ical.js';
import { TestApp, startTestApp } from './support/app';
import { settleFanout } from './support/fanout';
import { ParsedMail } from 'mailparser';
import { Person, groupWithTopic, hoursAfter, inDays, waitUntil } from './support/fixtures';

/** UID and SEQUENCE of a message's text/calendar part (null for mail without one). */
function calendarOf(mail: ParsedMail): { uid: string; sequence: number } | null {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) return null;
  const root = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const [vevent] = root.getAllSubcomponents('vevent');
  return {
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
  };
}

/** The SEQUENCEs one person received for one event, in the order the SMTP server accepted them. */
const sequencesTo = (t: TestApp, who: Person, uid: string): number[] =>
  t.smtp
    .to(who.email)
    .map((m) => calendarOf(m.parsed))
    .filter((c): c is { uid: string; sequence: number } => c?.uid === uid)
    .map((c) => c.sequence);

const acceptedAt = (t: TestApp, who: Person, uid: string, sequence: number): number | undefined =>
  t.smtp.to(who.email).find((m) => {
    const c = calendarOf(m.parsed);
    return c?.uid === uid && c.sequence === sequence;
  })?.acceptedAt;

/**
 * DESIGN §2: per person and event, messages leave in SEQUENCE order. The worker sends a batch
 * concurrently (the in-process SMTP server answers after a random delay, so concurrent sends finish
 * in any order); ordering keys keep one person's messages about one event in line, while mail about
 * another event is not held behind them.
 */
describe('outbox order per person and event (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let people: Person[];
  let eventA: string;
  let eventB: string;
  const uidOf = (id: string) => `${id}@hearth.localhost`;
  let startsAt: string;

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_BATCH_SIZE: '100' });
    const setup = await groupWithTopic(t, 'ordered', { participants: 20 });
    organizer = setup.organizer;
    people = setup.participants;
    startsAt = inDays(20);
    const series = await t
      .http()
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: 'Ordered',
        events: ['A', 'B'].map((name, i) => ({
          kind: 'virtual_networking',
          title: `Event ${name}`,
          startsAt: hoursAfter(startsAt, 24 * i),
          endsAt: hoursAfter(startsAt, 24 * i + 1),
          timezone: 'Europe/Berlin',
          joinUrl: 'https://meet.example.org/ordered',
        })),
      })
      .expect(201);
    [eventA, eventB] = series.body.events.map((e: { id: string }) => e.id);
    // Everyone's invitations (SEQUENCE 0) are delivered before the updates start.
    await waitUntil(
      () =>
        Promise.resolve(
          people.every((p) => sequencesTo(t, p, uidOf(eventA)).length === 1) &&
            people.every((p) => sequencesTo(t, p, uidOf(eventB)).length === 1),
        ),
      30_000,
    );
  });
  afterAll(() => t.close());

  // Each update's fan-out job is expanded before the next change: otherwise the later change
  // supersedes the unsent part (people would get SEQUENCE 3 straight after 0), and this is about the
  // outbox keeping several queued versions in order.
  const move = async (eventId: string, hours: number) => {
    await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ startsAt: hoursAfter(startsAt, hours), endsAt: hoursAfter(startsAt, hours + 1) })
      .expect(200);
    await settleFanout(t);
  };

  it('delivers three rapid updates to 20 people in SEQUENCE order, without holding back another event', async () => {
    // Event A's mail is held by the relay until all four changes are queued (however slowly this
    // machine queues them), then accepted after random delays, so concurrent sends overtake each other.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    t.smtp.acceptDelay = ({ parsed }) =>
      calendarOf(parsed)?.uid === uidOf(eventA)
        ? held.then(
            () => new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(Math.random() * 300))),
          )
        : 0;
    try {
      for (const hours of [1, 2, 3]) await move(eventA, hours);
      await move(eventB, 24 + 5);
    } finally {
      release();
    }

    await waitUntil(
      () => Promise.resolve(people.every((p) => sequencesTo(t, p, uidOf(eventA)).length === 4)),
      60_000,
    );
    for (const p of people) expect(sequencesTo(t, p, uidOf(eventA))).toEqual([0, 1, 2, 3]);
    // Event B's update has its own key: it left with the first batch after it was queued, before
    // each person's last update of event A (which had to wait for the two before it, still held).
    for (const p of people) {
      expect(sequencesTo(t, p, uidOf(eventB))).toEqual([0, 1]);
      const bAt = acceptedAt(t, p, uidOf(eventB), 1) ?? Infinity;
      expect(bAt).toBeLessThan(acceptedAt(t, p, uidOf(eventA), 3) ?? -Infinity);
    }
  });

  it('holds later updates while an earlier one waits out a transient failure', async () => {
    const [first, second] = people;
    const refused = new Map<string, number>();
    // The relay turns away the first person's next update of event A three times with 451 (try later).
    const seq = sequencesTo(t, first, uidOf(eventA)).length;
    t.smtp.acceptDelay = () => 0;
    t.smtp.behaviour = (stage, { to, parsed }) => {
      const calendar = parsed ? calendarOf(parsed) : null;
      if (stage !== 'data' || to !== first.email || calendar?.sequence !== seq) return undefined;
      const n = (refused.get(to) ?? 0) + 1;
      refused.set(to, n);
      return n <= 3 ? 451 : undefined;
    };
    const before = t.smtp.received.length;
    for (const hours of [6, 7, 8]) await move(eventA, hours);
    await waitUntil(() => Promise.resolve(sequencesTo(t, first, uidOf(eventA)).length === seq + 3), 30_000);
    expect(refused.get(first.email)).toBe(4);
    expect(sequencesTo(t, first, uidOf(eventA))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const rows: Array<{ attempts: number; next_attempt_at: Date }> = await t.dataSource.query(
      `SELECT attempts, next_attempt_at FROM outbox_messages
        WHERE recipient = $1 AND purpose = 'event_update' ORDER BY queue_position DESC LIMIT 3`,
      [first.email],
    );
    const [last, middle, retried] = rows;
    expect(retried.attempts).toBe(4);
    expect([middle.attempts, last.attempts]).toEqual([1, 1]);
    // While it waited, the later two were moved to its next attempt (so claims skip them unread).
    for (const later of [middle, last])
      expect(later.next_attempt_at.getTime()).toBeGreaterThanOrEqual(retried.next_attempt_at.getTime());
    // Everyone else's copies were not held by the first person's retries.
    await waitUntil(() => Promise.resolve(sequencesTo(t, second, uidOf(eventA)).length === seq + 3), 30_000);
    expect(sequencesTo(t, second, uidOf(eventA))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(t.smtp.received.length).toBeGreaterThan(before);
  });
});
