import { loadEnv } from '../libs/core/src';
import { FeedsService } from '../libs/events/src/feeds/feeds.service';
import { FeedsRepository } from '../libs/events/src/feeds/feeds.repository';
import { PublicFeedBuilds } from '../libs/events/src/feeds/public-feed-builds';
import { ViewVersions } from '../libs/events/src/public/view-versions.service';
import { TestApp, startTestApp } from './support/app';
import { groupWithTopic, hoursAfter, inDays } from './support/fixtures';

const SLUG = 'built-feeds';
const OTHER = 'other-feeds';

/**
 * Issue 14: a public feed is rebuilt from its last build, re-writing only the VEVENTs of events
 * whose row revision moved (PublicFeedBuilds). After every round of random changes, written with
 * plain SQL as any writer may, the group and series feeds built that way must be byte for byte
 * what a service that keeps no builds writes from scratch.
 */
describe('public feeds rebuilt from their last build (e2e)', () => {
  let t: TestApp;
  let kept: FeedsService;
  let scratch: FeedsService;
  let repository: FeedsRepository;
  let groupId: string;
  let otherGroupId: string;
  let seriesId: string;
  let organizerId: string;
  let serial = 0;
  /**
   * Every event the test made, in the order made. The rounds pick events by their index in this
   * order, not in id order: ids are random, and which events a round changed (a series event or
   * not, say) would then differ from run to run, and with it how many full reads there are.
   */
  const made: string[] = [];

  const sql = <T = unknown>(text: string, params: unknown[] = []): Promise<T[]> =>
    t.dataSource.query<T[]>(text, params);

  async function insertEvent(group: string): Promise<string> {
    const i = ++serial;
    const [{ id }] = await sql<{ id: string }>(
      `INSERT INTO events (group_id, kind, title, description, starts_at, ends_at, timezone, venue_name,
                           venue_address, join_url, location_visibility, calendar_uid, created_by)
       VALUES ($1, 'hybrid', $2, $3, now() + make_interval(hours => $4), now() + make_interval(hours => $4 + 2),
               $5, $6, $7, $8, $9, $10, $11)
       RETURNING id`,
      [
        group,
        `Meetup ${i}, with tea; 🌈`,
        `Meetup number ${i}. `.repeat(1 + (i % 7)),
        24 * (1 + (i % 60)),
        ['Europe/Berlin', 'America/New_York', 'UTC'][i % 3],
        `Venue ${i}`,
        `${i} Feed Street`,
        `https://meet.example.org/${i}`,
        ['public', 'members', 'attendees'][i % 3],
        `built-${i}@hearth.test`,
        organizerId,
      ],
    );
    made.push(id);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, SLUG);
    await groupWithTopic(t, OTHER);
    organizerId = setup.organizer.userId;
    const start = inDays(3);
    const series = await t
      .http()
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', setup.organizer.cookie)
      .send({
        title: 'Built series',
        events: [0, 1].map((k) => ({
          kind: 'in_person',
          title: `Series meetup ${k}`,
          startsAt: hoursAfter(start, 24 * k),
          endsAt: hoursAfter(start, 24 * k + 2),
          timezone: 'Europe/Berlin',
          venueAddress: 'Series Street 1',
          locationVisibility: 'public',
        })),
      })
      .expect(201);
    seriesId = series.body.id;
    made.push(...series.body.events.map((e: { id: string }) => e.id));
    [{ id: groupId }] = await sql<{ id: string }>(`SELECT id FROM groups WHERE slug = $1`, [SLUG]);
    [{ id: otherGroupId }] = await sql<{ id: string }>(`SELECT id FROM groups WHERE slug = $1`, [OTHER]);
    for (let i = 0; i < 40; i++) await insertEvent(groupId);

    kept = t.server.app.get(FeedsService);
    repository = t.server.app.get(FeedsRepository);
    scratch = new FeedsService(
      repository,
      null as never,
      loadEnv({ PUBLIC_BASE_URL: t.env.publicBaseUrl }),
      null as never,
      t.server.app.get(ViewVersions),
      new PublicFeedBuilds({ HTTP_CACHE_BYTES: 0 }),
    );
  });
  afterAll(() => t?.close());

  /** Both feeds, built from the last build and from scratch. */
  async function feeds(): Promise<Array<{ kept: string; scratch: string }>> {
    return [
      {
        kept: (await (await kept.groupFeed(SLUG)).build()).toString(),
        scratch: (await (await scratch.groupFeed(SLUG)).build()).toString(),
      },
      {
        kept: (await (await kept.seriesFeed(seriesId)).build()).toString(),
        scratch: (await (await scratch.seriesFeed(seriesId)).build()).toString(),
      },
    ];
  }

  // Every change a feed's VEVENT or its membership in the feed can see.
  const changes: Array<(id: string) => Promise<unknown>> = [
    (id) => sql(`UPDATE events SET title = title || ' (new)' WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET description = 'Now: ' || description WHERE id = $1`, [id]),
    (id) =>
      sql(
        `UPDATE events SET starts_at = starts_at + interval '90 minutes', ends_at = ends_at + interval '2 hours' WHERE id = $1`,
        [id],
      ),
    (id) => sql(`UPDATE events SET location_visibility = 'public' WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET location_visibility = 'attendees' WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET venue_name = 'Elsewhere', venue_address = NULL WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET join_url = NULL WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET status = 'cancelled', sequence = sequence + 1 WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET status = 'draft' WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET status = 'scheduled' WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET timezone = 'Australia/Sydney' WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET updated_at = now() WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET series_id = $2 WHERE id = $1`, [id, seriesId]),
    (id) => sql(`UPDATE events SET series_id = NULL WHERE id = $1`, [id]),
    (id) => sql(`UPDATE events SET group_id = $2, series_id = NULL WHERE id = $1`, [id, otherGroupId]),
    (id) =>
      sql(
        `UPDATE events SET starts_at = now() - interval '41 days', ends_at = now() - interval '40 days' WHERE id = $1`,
        [id],
      ),
    (id) => sql(`DELETE FROM events WHERE id = $1`, [id]),
    () => insertEvent(groupId),
  ];

  it('is byte-identical to a build from scratch after every round of random changes', async () => {
    const fullReads = jest.spyOn(repository, 'publicFeedRows');
    const changedReads = jest.spyOn(repository, 'publicFeedRowsByIds');
    let seed = 14;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n);
    };
    for (let round = 0; round < 60; round++) {
      const inGroup = new Set(
        (await sql<{ id: string }>(`SELECT id FROM events WHERE group_id = $1`, [groupId])).map((r) => r.id),
      );
      const ids = made.filter((id) => inGroup.has(id));
      expect(ids).toHaveLength(inGroup.size);
      for (let k = 0, n = 1 + random(4); k < n; k++)
        await changes[random(changes.length)](ids[random(ids.length)]);
      for (const [i, feed] of (await feeds()).entries()) {
        expect({ round, feed: i, text: feed.kept }).toEqual({ round, feed: i, text: feed.scratch });
      }
    }
    // Rebuilt from the last build, not read in full each time: a full read per feed at the start
    // (and when most of a feed changed), else the listing and the changed rows; scratch reads in
    // full every time (120).
    expect(fullReads.mock.calls.length).toBeLessThanOrEqual(120 + 10);
    expect(changedReads.mock.calls.length).toBeGreaterThanOrEqual(40);
  });

  it('needs the revision: a change it does not see leaves a stale VEVENT (negative control)', async () => {
    await feeds();
    const [{ id }] = await sql<{ id: string }>(
      `SELECT id FROM events WHERE group_id = $1 AND status = 'scheduled' AND ends_at > now() ORDER BY starts_at LIMIT 1`,
      [groupId],
    );
    await sql(`ALTER TABLE events DISABLE TRIGGER "TRG_events_revision"`);
    try {
      await sql(`UPDATE events SET title = 'Unseen change' WHERE id = $1`, [id]);
    } finally {
      await sql(`ALTER TABLE events ENABLE TRIGGER "TRG_events_revision"`);
    }
    const [group] = await feeds();
    expect(group.scratch).toContain('Unseen change');
    expect(group.kept).not.toContain('Unseen change');
    // With the trigger back, the next change of the row is seen again.
    await sql(`UPDATE events SET description = description WHERE id = $1`, [id]);
    const [again] = await feeds();
    expect(again.kept).toBe(again.scratch);
  });
});
