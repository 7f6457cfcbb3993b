import { ForgetPreTickedAccessibility1767440000000 as Forget } from '../migrations/1767440000000-ForgetPreTickedAccessibility';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays } from './support/fixtures';

const FEATURES = [
  'stepFreeAccess',
  'accessibleToilet',
  'allGenderToilet',
  'quietRoom',
  'seating',
  'signLanguageOnRequest',
  'captionsOnRequest',
];
const ADDRESS = '12 Baker St, Flat 3B';

/** Every feature's data-stated on the event page, by feature. */
function statedOnPage(page: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of page.matchAll(/data-testid="access-(\w+)" data-stated="([\w-]+)"/g)) out[m[1]] = m[2];
  return out;
}

describe('honest accessibility and right-to-left isolation (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let topicId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ organizer, topicId } = await groupWithTopic(t, 'honest'));
  });
  afterAll(() => t.close());

  const create = async (extra: Record<string, unknown>): Promise<string> => {
    const start = inDays(6);
    const res = await t
      .http()
      .post('/api/groups/honest/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Tea & talk',
        startsAt: start,
        endsAt: hoursAfter(start, 2),
        timezone: 'Europe/London',
        venueName: 'Baker Hall',
        venueAddress: ADDRESS,
        locationVisibility: 'public',
        ...extra,
      })
      .expect(201);
    return res.body.id as string;
  };

  it('an event created without accessibility states nothing: no flag stored, API null, page "not stated"', async () => {
    const id = await create({});
    const [row] = await t.dataSource.query(`SELECT accessibility FROM events WHERE id = $1`, [id]);
    expect(row.accessibility).toEqual({});
    const api = await t.http().get(`/api/events/${id}`).set('Cookie', organizer.cookie).expect(200);
    expect(api.body.accessibility).toEqual({
      ...Object.fromEntries(FEATURES.map((f) => [f, null])),
      notes: null,
    });
    const pub = await t.http().get('/api/public/events').expect(200);
    const listed = pub.body.items.find((e: { id: string }) => e.id === id);
    expect(Object.values(listed.accessibility).every((v) => v === null)).toBe(true);
    const page = await t.http().get(`/events/${id}`).expect(200);
    expect(statedOnPage(page.text)).toEqual(Object.fromEntries(FEATURES.map((f) => [f, 'not-stated'])));
    expect(page.text).toContain('Not stated');
    expect(page.text).not.toMatch(/data-stated="(yes|no)"/);
  });

  it('shows exactly what the organizer stated (yes, no, not stated), and null clears a statement', async () => {
    const id = await create({ accessibility: { stepFreeAccess: false, quietRoom: true, seating: null } });
    const api = await t.http().get(`/api/events/${id}`).set('Cookie', organizer.cookie).expect(200);
    expect(api.body.accessibility).toMatchObject({ stepFreeAccess: false, quietRoom: true, seating: null });
    expect(api.body.accessibility.allGenderToilet).toBeNull();
    const page = await t.http().get(`/events/${id}`).expect(200);
    expect(statedOnPage(page.text)).toMatchObject({
      stepFreeAccess: 'no',
      quietRoom: 'yes',
      seating: 'not-stated',
      allGenderToilet: 'not-stated',
    });
    await t
      .http()
      .patch(`/api/events/${id}`)
      .set('Cookie', organizer.cookie)
      .send({ accessibility: { stepFreeAccess: null, quietRoom: true } })
      .expect(200);
    const [row] = await t.dataSource.query(`SELECT accessibility FROM events WHERE id = $1`, [id]);
    expect(row.accessibility).toEqual({ quietRoom: true });
    await t
      .http()
      .patch(`/api/events/${id}`)
      .set('Cookie', organizer.cookie)
      .send({ accessibility: { stepFreeAccess: 'yes' } })
      .expect(400);
  });

  it('an Arabic event page isolates the address, venue, title, group and time in <bdi>', async () => {
    const id = await create({});
    const page = await t.http().get(`/events/${id}?lang=ar`).expect(200);
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(page.text).toContain(`<bdi>${ADDRESS}</bdi>`);
    expect(page.text).toContain('<bdi>Baker Hall</bdi>');
    expect(page.text).toContain('<bdi>Tea &amp; talk</bdi>');
    expect(page.text).toContain('<bdi>Group honest</bdi>');
    expect(page.text).toMatch(/data-testid="when"><bdi>[^<]+<\/bdi>/);
    expect(page.text).toContain('غير مذكور');
  });

  it("the migration forgets the old template's pre-ticks (and only them); down puts them back", async () => {
    const start = inDays(8);
    const meetup = (title: string, accessibility: Record<string, boolean>) => ({
      kind: 'in_person',
      title,
      startsAt: start,
      endsAt: hoursAfter(start, 2),
      timezone: 'Europe/London',
      venueName: 'Baker Hall',
      accessibility,
    });
    const series = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: 'Spring',
        events: [
          meetup('Template ticks', { stepFreeAccess: true, allGenderToilet: true }),
          meetup('Chosen with care', { stepFreeAccess: true, allGenderToilet: true, quietRoom: false }),
        ],
      });
    expect(series.status).toBe(201);
    const idOf = (title: string): string =>
      series.body.events.find((e: { title: string }) => e.title === title).id;
    const pretick = idOf('Template ticks');
    const chosen = idOf('Chosen with care');
    const accessOf = async (id: string) =>
      (await t.dataSource.query(`SELECT accessibility FROM events WHERE id = $1`, [id]))[0].accessibility;
    const runner = t.dataSource.createQueryRunner();
    try {
      await new Forget().up(runner);
      expect(await accessOf(pretick)).toEqual({ preTickForgotten: true });
      expect(await accessOf(chosen)).toEqual({
        stepFreeAccess: true,
        allGenderToilet: true,
        quietRoom: false,
      });
      const api = await t.http().get(`/api/events/${pretick}`).set('Cookie', organizer.cookie).expect(200);
      expect(api.body.accessibility.stepFreeAccess).toBeNull();
      expect(api.body.accessibility).not.toHaveProperty('preTickForgotten');
      await new Forget().down(runner);
      expect(await accessOf(pretick)).toEqual({ stepFreeAccess: true, allGenderToilet: true });
    } finally {
      await runner.release();
    }
  });
});
