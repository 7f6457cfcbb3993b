import http from 'node:http';
import { Clock } from '../libs/core/src';
import { TestApp, startTestApp } from './support/app';
import { RoundsService, type LiveUpdate } from '../libs/networking/src';
import { Person, groupWithTopic, hoursAfter, inDays, waitUntil } from './support/fixtures';

class TestClock extends Clock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = new Date(iso).getTime();
  }
  advanceMinutes(minutes: number): void {
    this.at += minutes * 60_000;
  }
}

/** Opens the event stream and resolves with the first `change` event's arrival time and data. */
function firstChange(
  url: string,
  cookie: string,
): { opened: Promise<void>; changed: Promise<{ at: number; data: string }>; close(): void } {
  let close = (): void => undefined;
  let opened!: () => void;
  const openedP = new Promise<void>((r) => (opened = r));
  const changed = new Promise<{ at: number; data: string }>((resolve, reject) => {
    const req = http.get(url, { headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      opened();
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const message = /event: change\ndata: (.*)\n\n/.exec(buffer);
        if (message) resolve({ at: Date.now(), data: message[1] });
      });
    });
    req.on('error', () => undefined);
    close = () => req.destroy();
  });
  return { opened: openedP, changed, close: () => close() };
}

describe('networking member pages (e2e)', () => {
  const clock = new TestClock();
  let t: TestApp;
  let organizer: Person;
  let members: Person[];
  let eventId: string;
  let startsAt: string;

  const page = (who: Person, path: string) => t.http().get(path).set('Cookie', who.cookie);
  const form = (who: Person, path: string, body: Record<string, string | string[]>) =>
    t
      .http()
      .post(path)
      .set('Cookie', who.cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send(body);

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const g = await groupWithTopic(t, 'netpages', { participants: 3 });
    organizer = g.organizer;
    members = g.participants;
    startsAt = inDays(3);
    const res = await t
      .http()
      .post('/api/groups/netpages/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'virtual_networking',
        title: 'Evening of meeting people',
        startsAt,
        endsAt: hoursAfter(startsAt, 1),
        timezone: 'Europe/Berlin',
        joinUrl: 'https://meet.example.org/lobby',
      })
      .expect(201);
    eventId = res.body.id as string;
    await t
      .http()
      .put(`/api/events/${eventId}/networking/settings`)
      .set('Cookie', organizer.cookie)
      .send({
        rounds: 2,
        roundMinutes: 10,
        breakMinutes: 0,
        groupSize: 2,
        useInterests: true,
        interestTags: ['tea'],
      })
      .expect(200);
    for (const m of members)
      await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', m.cookie)
        .send({ status: 'going' })
        .expect(200);
  });
  afterAll(() => t.close());

  it('sends visitors to sign in, and offers going members the opt-in form (English and Arabic, right to left)', async () => {
    const anon = await t.http().get(`/events/${eventId}/networking`).expect(303);
    expect(anon.headers.location).toBe(
      `/sign-in?next=${encodeURIComponent(`/events/${eventId}/networking`)}`,
    );
    const en = await page(members[0], `/events/${eventId}/networking`).expect(200);
    expect(en.text).toContain('Join the rounds');
    expect(en.text).toContain('<noscript><meta http-equiv="refresh"');
    expect(en.text).toContain('src="/assets/networking-live.js"');
    const ar = await page(members[0], `/events/${eventId}/networking?lang=ar`).expect(200);
    expect(ar.text).toContain('dir="rtl"');
    expect(ar.text).toContain('انضم إلى الجولات');
    const js = await t.http().get('/assets/networking-live.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('joins through the forms and shows each member only their own room, with the room link', async () => {
    await form(members[0], `/events/${eventId}/networking/participation`, {
      showAs: 'pseudonym',
      pseudonym: 'Robin <b>',
      intro: 'Likes <script>tea</script>',
      interests: 'tea',
    }).expect(303);
    for (const m of members.slice(1))
      await form(m, `/events/${eventId}/networking/participation`, {
        showAs: 'display_name',
        interests: 'tea',
      }).expect(303);
    for (const m of members)
      await form(m, `/events/${eventId}/networking/presence`, { here: 'yes' }).expect(303);
    await form(members[0], `/events/${eventId}/networking/presence`, { here: 'yes' })
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
    clock.set(startsAt);
    await t
      .http()
      .post(`/api/events/${eventId}/networking/rounds/start`)
      .set('Cookie', organizer.cookie)
      .expect(204);
    // Three people, rooms of two: one room of three, everyone sees the two others.
    const view = await page(members[1], `/events/${eventId}/networking`).expect(200);
    expect(view.text).toContain('Round 1 of 2');
    expect(view.text).toContain('Robin &lt;b&gt;');
    expect(view.text).toContain('Likes &lt;script&gt;tea&lt;/script&gt;');
    expect(view.text).toMatch(/href="https:\/\/meet\.jit\.si\/hearth-[A-Za-z0-9_-]{24}"/);
  });

  it("pushes each open stream only its own viewer's new room within 2 s", async () => {
    // The third member leaves: round 2 seats the first two together and the third nowhere.
    await form(members[2], `/events/${eventId}/networking/presence`, { here: 'no' }).expect(303);
    // The hub pushes a change against the state it last read: wait until it has read the rounds since
    // the streams opened (not a fixed pause, which a loaded machine may outlast; were the first read to
    // come after the skip, the skip would be the baseline and nothing would ever be pushed).
    const current = jest.spyOn(t.server.app.get(RoundsService), 'current');
    const streams = members.map((m) => firstChange(`${t.url}/events/${eventId}/networking/stream`, m.cookie));
    try {
      await Promise.all(streams.map((s) => s.opened));
      const readsBefore = current.mock.calls.length;
      await waitUntil(
        () => Promise.resolve(current.mock.calls.slice(readsBefore).some(([id]) => id === eventId)),
        10_000,
      );
      const read = current.mock.calls.findIndex(([id], i) => i >= readsBefore && id === eventId);
      await current.mock.results[read].value;
      await new Promise((r) => setImmediate(r)); // the hub's own continuation of that read has run
    } finally {
      current.mockRestore();
    }
    const before = Date.now();
    await t
      .http()
      .post(`/api/events/${eventId}/networking/rounds/skip`)
      .set('Cookie', organizer.cookie)
      .expect(204);
    const arrived = await Promise.all(streams.map((s) => s.changed));
    for (const { at } of arrived) expect(at - before).toBeLessThan(2000);
    streams.forEach((s) => s.close());
    const [a, b, c] = arrived.map((m) => JSON.parse(m.data) as LiveUpdate);
    expect(a).toMatchObject({ phase: 'round', round: 2, rounds: 2, present: true });
    expect(a.room?.url).toMatch(/^https:\/\/meet\.jit\.si\/hearth-[A-Za-z0-9_-]{24}$/);
    expect(a.room?.people).toEqual([
      { userId: members[1].userId, shownName: expect.any(String), intro: null, sharedInterests: ['tea'] },
    ]);
    expect(b.room?.url).toBe(a.room?.url);
    expect(b.room?.people).toEqual([
      {
        userId: members[0].userId,
        shownName: 'Robin <b>',
        intro: 'Likes <script>tea</script>',
        sharedInterests: ['tea'],
      },
    ]);
    // The one who left gets the round and no room: nothing about anyone else, and nobody gets theirs.
    expect(c).toEqual({
      phase: 'round',
      round: 2,
      rounds: 2,
      nextChangeAt: expect.any(String),
      present: false,
      room: null,
    });
    expect(arrived[2].data).not.toContain(members[0].userId);
    expect(arrived[2].data).not.toContain(members[1].userId);
    expect(arrived[2].data).not.toContain('meet.jit.si');
    for (const m of arrived.slice(0, 2)) expect(m.data).not.toContain(members[2].userId);
    const view = await page(members[0], `/events/${eventId}/networking`).expect(200);
    expect(view.text).toContain('Round 2 of 2');
  });

  it('offers stay in touch after the rounds, revealing a contact only when both said yes', async () => {
    await t
      .http()
      .post(`/api/events/${eventId}/networking/rounds/end`)
      .set('Cookie', organizer.cookie)
      .expect(204);
    const [a, b] = members;
    const before = await page(a, `/events/${eventId}/networking/after`).expect(200);
    expect(before.text).toContain('People you met');
    await form(a, `/events/${eventId}/networking/people/${b.userId}/stay-in-touch`, {
      contact: 'robin@tea.example',
    }).expect(303);
    const bPage = await page(b, `/events/${eventId}/networking/after`).expect(200);
    expect(bPage.text).not.toContain('robin@tea.example');
    await form(b, `/events/${eventId}/networking/people/${a.userId}/stay-in-touch`, {
      contact: 'b@example.org',
      message: 'Hi',
    }).expect(303);
    const aPage = await page(a, `/events/${eventId}/networking/after`).expect(200);
    expect(aPage.text).toContain('b@example.org');
    const ar = await page(a, `/events/${eventId}/networking/after?lang=ar`).expect(200);
    expect(ar.text).toContain('dir="rtl"');
    expect(ar.text).toContain('أشخاص التقيت بهم');
  });
});
