import { FanoutService } from '../libs/events/src';
import { OutboxService } from '../libs/mail/src';
import { InvitationComposer } from '../libs/events/src/invitations/invitation-composer';
import { TestApp, startTestApp } from './support/app';
import { settleFanout } from './support/fanout';
import { Person, groupWithTopic, hoursAfter, inDays, person } from './support/fixtures';

/*
 * Fan-out as a background job (issue 12.4/12.5). The app runs without its worker (role `api`), so the
 * test steps the fan-out itself, batch by batch (FANOUT_BATCH_SIZE=5), and can change the event while
 * a job is half done.
 */
describe('fan-out jobs (e2e)', () => {
  let t: TestApp;
  let fanout: FanoutService;
  let organizer: Person;
  let participants: Person[];
  let topicId: string;

  beforeAll(async () => {
    t = await startTestApp({ HEARTH_ROLE: 'api', FANOUT_BATCH_SIZE: '5' });
    fanout = t.server.app.get(FanoutService);
    ({ organizer, topicId, participants } = await groupWithTopic(t, 'fanout', { participants: 20 }));
  });
  afterAll(() => t.close());

  /** Runs `n` batches, as a worker would. */
  async function step(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const claimed = await fanout.claim();
      if (!claimed) throw new Error('no batch to run');
      if (claimed !== 'progress') await fanout.runBatch(claimed);
    }
  }

  /**
   * Runs batches as a worker would — `loops` side by side, a failed run released with its error — until
   * no job is left; returns the errors of the failed runs.
   */
  async function drain(loops = 1): Promise<string[]> {
    const errors: string[] = [];
    const deadline = Date.now() + 30_000;
    const loop = async (): Promise<void> => {
      while ((await fanout.unfinished()) > 0) {
        if (Date.now() > deadline) throw new Error('fan-out did not finish');
        const claimed = await fanout.claim();
        if (claimed && claimed !== 'progress') {
          await fanout.runBatch(claimed).catch(async (error: Error) => {
            errors.push(error.message);
            await fanout.release(claimed, error.message);
          });
        } else if (!claimed) await new Promise((r) => setTimeout(r, 50));
      }
    };
    await Promise.all(Array.from({ length: loops }, loop));
    return errors;
  }

  async function schedule(title: string): Promise<{ eventId: string; jobId: string }> {
    const startsAt = inDays(20, 18);
    const res = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title,
        events: [
          {
            kind: 'virtual_networking',
            title,
            startsAt,
            endsAt: hoursAfter(startsAt, 1),
            timezone: 'UTC',
            joinUrl: 'https://meet.example.org/x',
          },
        ],
      })
      .expect(201);
    return { eventId: res.body.events[0].id as string, jobId: res.body.jobIds[0] as string };
  }

  /** Per person, their messages about the event in queue order: [purpose, SEQUENCE, DTSTART]. */
  async function mailOf(eventId: string): Promise<Map<string, Array<[string, number, string]>>> {
    const rows: Array<{ recipient: string; purpose: string; content: string }> = await t.dataSource.query(
      `SELECT recipient, purpose, calendar->>'content' AS content FROM outbox_messages
        WHERE event_id = $1 ORDER BY queue_position`,
      [eventId],
    );
    const byPerson = new Map<string, Array<[string, number, string]>>();
    for (const r of rows) {
      const seq = Number(/SEQUENCE:(\d+)/.exec(r.content)?.[1]);
      const start = /DTSTART[^:]*:(\S+)/.exec(r.content)?.[1] ?? '';
      byPerson.set(r.recipient, [...(byPerson.get(r.recipient) ?? []), [r.purpose, seq, start]]);
    }
    return byPerson;
  }

  it('answers at once with one job, and an update scheduled while it is half done reaches everyone once, newest last', async () => {
    const { eventId, jobId } = await schedule('Half done');
    // The request recorded the job only: nobody is invited yet.
    const queued = await t.http().get(`/api/jobs/${jobId}`).set('Cookie', organizer.cookie).expect(200);
    expect(queued.body).toMatchObject({
      id: jobId,
      eventId,
      kind: 'invitation',
      status: 'queued',
      total: 21,
      rendered: 0,
    });
    expect((await mailOf(eventId)).size).toBe(0);

    await step(2); // 10 of the 21 participants invited at SEQUENCE 0
    const half = await t.http().get(`/api/jobs/${jobId}`).set('Cookie', organizer.cookie).expect(200);
    expect(half.body).toMatchObject({ status: 'running', rendered: 10, queued: 10, sent: 0 });
    expect(half.body.estimatedSecondsRemaining).toEqual(expect.any(Number));

    const moved = inDays(21, 18);
    const patched = await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ startsAt: moved, endsAt: hoursAfter(moved, 1) })
      .expect(200);
    expect(patched.body.jobIds).toHaveLength(1);
    const updateJob = patched.body.jobIds[0] as string;
    await settleFanout(t);

    const mail = await mailOf(eventId);
    expect(mail.size).toBe(21);
    const newStart = moved.replace(/[-:]/g, '').replace('.000', '');
    let updated = 0;
    for (const [, messages] of mail) {
      // Once per version, SEQUENCE growing, the newest (the moved time) last.
      const sequences = messages.map(([, seq]) => seq);
      expect(new Set(sequences).size).toBe(sequences.length);
      expect([...sequences].sort()).toEqual(sequences);
      const [purpose, seq, start] = messages[messages.length - 1];
      expect(seq).toBe(1);
      expect(start).toBe(newStart);
      if (messages.length === 2) {
        expect(messages.map(([p]) => p)).toEqual(['event_invitation', 'event_update']);
        updated++;
      } else {
        // Invited after the change: the invitation already carries it, and no update follows.
        expect(purpose).toBe('event_invitation');
      }
    }
    expect(updated).toBe(10);
    const [inv, upd] = await Promise.all(
      [jobId, updateJob].map((id) =>
        t.http().get(`/api/jobs/${id}`).set('Cookie', organizer.cookie).expect(200),
      ),
    );
    expect(inv.body).toMatchObject({ status: 'done', total: 21, rendered: 21, skipped: 0 });
    expect(upd.body).toMatchObject({ kind: 'update', status: 'done', total: 21, rendered: 10, skipped: 11 });
    const list = await t
      .http()
      .get(`/api/events/${eventId}/jobs`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(list.body.map((j: { id: string }) => j.id)).toEqual([updateJob, jobId]);
  });

  it('sends no more invitations once the event is cancelled; the CANCEL reaches those who got one', async () => {
    const { eventId } = await schedule('Called off');
    await step(1); // 5 invited
    await t.http().post(`/api/events/${eventId}/cancel`).set('Cookie', organizer.cookie).expect(200);
    await settleFanout(t);
    const mail = await mailOf(eventId);
    expect(mail.size).toBe(5);
    for (const [, messages] of mail) {
      expect(messages.map(([p, seq]) => [p, seq])).toEqual([
        ['event_invitation', 0],
        ['event_cancellation', 1],
      ]);
    }
  });

  it('shows a job to organizers of its event and the instance owner only (404 for anyone else)', async () => {
    const { jobId, eventId } = await schedule('Private progress');
    await settleFanout(t);
    await t.http().get(`/api/jobs/${jobId}`).set('Cookie', participants[0].cookie).expect(404);
    await t.http().get(`/api/events/${eventId}/jobs`).set('Cookie', participants[0].cookie).expect(404);
    const stranger = await person(t, 'stranger@elsewhere.test');
    await t.http().get(`/api/jobs/${jobId}`).set('Cookie', stranger.cookie).expect(404);
    await t
      .http()
      .get(`/api/jobs/00000000-0000-4000-8000-000000000000`)
      .set('Cookie', organizer.cookie)
      .expect(404);
    await t.http().get(`/api/jobs/${jobId}`).expect(401);
    const owner = await person(t, 'owner@hearth.test');
    const seen = await t.http().get(`/api/jobs/${jobId}`).set('Cookie', owner.cookie).expect(200);
    expect(seen.body).toMatchObject({
      status: 'done',
      rendered: 21,
      estimatedSecondsRemaining: expect.any(Number),
    });
  });

  it('leaves out only the person whose message cannot be rendered; the job ends failed, counting them', async () => {
    const composer = t.server.app.get(InvitationComposer);
    const poisoned = participants[3].userId;
    const original = composer.compose.bind(composer);
    const spy = jest.spyOn(composer, 'compose').mockImplementation((event, row, ...rest) => {
      if (row.user_id === poisoned) throw new Error('cannot render this message');
      return original(event, row, ...rest);
    });
    try {
      const { jobId } = await schedule('One bad row');
      expect(await drain()).toEqual([]); // no batch failed: the bad row cost only its person
      const job = await t.http().get(`/api/jobs/${jobId}`).set('Cookie', organizer.cookie).expect(200);
      expect(job.body).toMatchObject({ status: 'failed', total: 21, rendered: 20, failed: 1 });
    } finally {
      spy.mockRestore();
    }
  });

  it('gives up a batch that keeps failing after a few attempts with backoff; the job ends failed and later jobs still run', async () => {
    const outbox = t.server.app.get(OutboxService);
    const poisoned = participants[7].userId;
    const original = outbox.enqueue.bind(outbox);
    const spy = jest.spyOn(outbox, 'enqueue').mockImplementation((tx, ...mails) => {
      if (mails.some((m) => m.userId === poisoned)) throw new Error('the outbox refused this batch');
      return original(tx, ...mails);
    });
    try {
      const { eventId, jobId } = await schedule('Poisoned batch');
      expect(await drain()).toHaveLength(5); // five runs of the poisoned range, then it is given up
      const [batch] = await t.dataSource.query(
        `SELECT status, attempts, last_error, size FROM fanout_batches WHERE job_id = $1 AND status = 'failed'`,
        [jobId],
      );
      // The poisoned person's range is unreached; everyone else was invited. Ranges are of user ids, so
      // the range is 5 people, or the last range's 1 when the poisoned id sorts last of the 21.
      expect([1, 5]).toContain(batch.size);
      const job = await t.http().get(`/api/jobs/${jobId}`).set('Cookie', organizer.cookie).expect(200);
      expect(job.body).toMatchObject({
        status: 'failed',
        total: 21,
        rendered: 21 - batch.size,
        failed: batch.size,
      });
      expect(batch).toMatchObject({
        status: 'failed',
        attempts: 6,
        last_error: 'the outbox refused this batch',
      });

      spy.mockRestore();
      // The event's next job is not held back by the failed one.
      const edit = await t
        .http()
        .patch(`/api/events/${eventId}`)
        .set('Cookie', organizer.cookie)
        .send({ title: 'Poisoned batch, renamed' })
        .expect(200);
      expect(await drain()).toEqual([]);
      const update = await t
        .http()
        .get(`/api/jobs/${edit.body.jobIds[0]}`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      // The update goes to the people the invitation reached: all but the poisoned range.
      expect(update.body).toMatchObject({
        kind: 'update',
        status: 'done',
        rendered: 21 - batch.size,
        failed: 0,
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('runs batches side by side with RSVPs and edits of the same event: no deadlock, no 500', async () => {
    for (let round = 0; round < 3; round++) {
      const { eventId } = await schedule(`Busy evening ${round}`);
      const answer = (status: string) =>
        Promise.all(
          participants.map((p) =>
            t
              .http()
              .post(`/api/events/${eventId}/rsvps`)
              .set('Cookie', p.cookie)
              .send({ status })
              .then((res) => res.status),
          ),
        );
      const [first, errors] = await Promise.all([answer('going'), drain(2)]);
      expect(errors).toEqual([]);
      expect(new Set(first)).toEqual(new Set([200]));
      // An update job running while everyone changes their answer.
      await t
        .http()
        .patch(`/api/events/${eventId}`)
        .set('Cookie', organizer.cookie)
        .send({ title: `Busy evening ${round}, renamed` })
        .expect(200);
      const [second, again] = await Promise.all([answer('maybe'), drain(2)]);
      expect(again).toEqual([]);
      expect(new Set(second)).toEqual(new Set([200]));
    }
  });
});
