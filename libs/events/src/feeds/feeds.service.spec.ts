import { Env } from '@app/core';
import { ViewVersions } from '../public/view-versions.service';
import { FeedListing, FeedRow, FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';
import { PublicFeedBuilds } from './public-feed-builds';

function row(i: number, revision: string, title = `Meetup ${i}`): FeedRow {
  return {
    id: `00000000-0000-4000-8000-00000000000${i}`,
    topic_id: null,
    title,
    description: 'Tea and talk.',
    starts_at: new Date(Date.UTC(2027, 0, i, 17)),
    ends_at: new Date(Date.UTC(2027, 0, i, 19)),
    timezone: 'Europe/Berlin',
    venue_name: 'Hidden Room',
    venue_address: null,
    join_url: null,
    status: 'scheduled',
    calendar_uid: `evt-${i}@hearth.test`,
    sequence: 0,
    updated_at: new Date(Date.UTC(2026, 11, 1)),
    location_visibility: i === 2 ? 'public' : 'attendees',
    revision,
  };
}

/** A group feed over rows the test sets, read through a repository that records its calls. */
function setup() {
  const db = { rows: [row(1, '1'), row(2, '2'), row(3, '3')], byIds: null as FeedRow[] | null };
  const listing = (): FeedListing[] => db.rows.map(({ id, revision }) => ({ id, revision }));
  const repository = {
    publicFeedRows: jest.fn(() => Promise.resolve(db.rows)),
    publicFeedListing: jest.fn(() => Promise.resolve(listing())),
    publicFeedRowsByIds: jest.fn((_s: unknown, _e: Date, ids: string[]) =>
      Promise.resolve((db.byIds ?? db.rows).filter((r) => ids.includes(r.id))),
    ),
  };
  const versions = {
    group: () => Promise.resolve({ id: 'g', name: 'Circle', visibility: 'public', version: '1' }),
  };
  const service = (budget: number) =>
    new FeedsService(
      repository as unknown as FeedsRepository,
      null as never,
      { publicBaseUrl: 'https://hearth.test' } as Env,
      null as never,
      versions as unknown as ViewVersions,
      new PublicFeedBuilds({ HTTP_CACHE_BYTES: budget }),
    );
  const build = async (feeds: FeedsService) => (await (await feeds.groupFeed('circle')).build()).toString();
  return { db, repository, kept: service(1 << 20), scratch: service(0), build };
}

describe('FeedsService public feeds from the last build', () => {
  it('reads and writes only the rows whose revision moved', async () => {
    const { db, repository, kept, scratch, build } = setup();
    await build(kept);
    expect(repository.publicFeedRows).toHaveBeenCalledTimes(1);
    db.rows = [row(1, '1'), row(2, '7', 'Renamed'), row(3, '3')];
    const text = await build(kept);
    expect(repository.publicFeedRowsByIds).toHaveBeenCalledWith(expect.anything(), expect.any(Date), [
      db.rows[1].id,
    ]);
    expect(repository.publicFeedRows).toHaveBeenCalledTimes(1);
    expect(text).toContain('SUMMARY:Renamed');
    expect(text).toBe(await build(scratch));
  });

  it('reads the whole feed in one statement when a row moved on between its two reads', async () => {
    const { db, repository, kept, scratch, build } = setup();
    await build(kept);
    db.rows = [row(1, '1'), row(2, '7', 'Renamed'), row(3, '3')];
    // The changed row was changed again (and its venue hidden) after the listing was read.
    db.byIds = [
      row(1, '1'),
      { ...row(2, '8', 'Renamed again'), location_visibility: 'attendees' },
      row(3, '3'),
    ];
    repository.publicFeedListing.mockResolvedValueOnce(db.rows.map(({ id, revision }) => ({ id, revision })));
    const moved = db.byIds;
    repository.publicFeedRows.mockImplementationOnce(() => Promise.resolve(moved));
    const text = await build(kept);
    expect(repository.publicFeedRows).toHaveBeenCalledTimes(2);
    expect(text).toContain('SUMMARY:Renamed again');
    expect(text).not.toContain('Hidden Room');
    db.rows = moved;
    db.byIds = null;
    expect(text).toBe(await build(scratch));
  });
});
