/*
 * bench/feed-build — the group feed's cold build in isolation: no HTTP, no load generator, the
 * service called directly over the bench/http seed (2,000 events). Each round changes one event
 * (the group's version moves) and times `groupFeed(slug).build()`, and the stages inside a full
 * build are timed on their own (the rows' query and decoding, writing the VEVENTs, encoding).
 * Each round's build is also made by a service that keeps no builds (a full build, timed too) and
 * the two must be byte-identical. A deterministic complement to bench/http's `feed-cold`, whose figures a shared machine blurs.
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/feed-build/main.ts
 *
 * BENCH_ROUNDS (default 40) rounds; DATABASE_URL as for the other benchmarks.
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { buildFeedIcsChunks } from '@app/calendar';
import { Env, buildDataSourceOptions, loadEnv } from '@app/core';
import { HEARTH_SCHEMA } from '@app/runtime';
import { EventEntity } from '../../libs/events/src/events/event.entity';
import { calendarEventData } from '../../libs/events/src/feeds/calendar-data';
import { FeedsRepository } from '../../libs/events/src/feeds/feeds.repository';
import { FeedsService, fromRow } from '../../libs/events/src/feeds/feeds.service';
import { PublicFeedBuilds } from '../../libs/events/src/feeds/public-feed-builds';
import { ViewVersions } from '../../libs/events/src/public/view-versions.service';
import { ViewVersionsRepository } from '../../libs/events/src/public/view-versions.repository';
import { Pool } from 'pg';
import { Cleanup, ms, provideDatabase, runBenchmark, say } from '../support';
import { seedHttpBench } from '../http/seed';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

function percentiles(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return `p50 ${ms(at(50))} ms, p90 ${ms(at(90))} ms, min ${ms(sorted[0])} ms`;
}

/** The feeds as the api runs them; with `keepBuilds` false, every build is a full one. */
function feedsService(dataSource: DataSource, env: Env, keepBuilds: boolean): FeedsService {
  const repository = new FeedsRepository(dataSource, dataSource.getRepository(EventEntity));
  const versions = new ViewVersions(new ViewVersionsRepository(dataSource));
  const builds = new PublicFeedBuilds({ HTTP_CACHE_BYTES: keepBuilds ? env.HTTP_CACHE_BYTES : 0 });
  // The event contexts and users serve the personal and single-event feeds, not timed here.
  return new FeedsService(repository, null as never, env, null as never, versions, builds);
}

/** The stages of a full build, each timed on its own (the same steps as FeedsService's full build). */
async function stages(dataSource: DataSource, env: Env, groupId: string): Promise<Record<string, number>> {
  const repository = new FeedsRepository(dataSource, dataSource.getRepository(EventEntity));
  let t0 = performance.now();
  const rows = await repository.publicFeedRows(
    { column: 'group_id', id: groupId },
    new Date(Date.now() - 31 * 86_400_000),
  );
  const query = performance.now() - t0;
  t0 = performance.now();
  const entries = rows.map((r) => {
    const event = fromRow(r);
    const data = calendarEventData(event, r.location_visibility === 'public', env.publicBaseUrl);
    return { uid: r.calendar_uid, sequence: r.sequence, dtstamp: r.updated_at, event: data };
  });
  const map = performance.now() - t0;
  t0 = performance.now();
  const chunks = buildFeedIcsChunks({
    kind: 'group',
    name: 'Bench HTTP',
    refreshMinutes: 60,
    events: entries,
  });
  const write = performance.now() - t0;
  t0 = performance.now();
  Buffer.concat(chunks.map((chunk) => Buffer.from(chunk, 'utf8')));
  return {
    'query + row decoding': query,
    'row mapping': map,
    'VEVENT writing': write,
    encoding: performance.now() - t0,
  };
}

async function main(cleanup: Cleanup): Promise<void> {
  const database = await provideDatabase(cleanup, say);
  const pool = new Pool({ connectionString: database.url, max: 2 });
  cleanup.add('seed pool', () => pool.end());
  const seed = await seedHttpBench(pool, { users: 10, events: 2000, venues: 20 });
  const dataSource = new DataSource(buildDataSourceOptions(database.url, HEARTH_SCHEMA, 4));
  await dataSource.initialize();
  cleanup.add('data source', () => dataSource.destroy());
  const env = loadEnv({ PUBLIC_BASE_URL: 'http://hearth.test', DATABASE_URL: database.url });
  const feeds = feedsService(dataSource, env, true);
  const fullFeeds = feedsService(dataSource, env, false);
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM groups WHERE slug = $1`, [
    seed.groupSlug,
  ]);
  const groupId = rows[0].id;

  const first = performance.now();
  const bytes = (await (await feeds.groupFeed(seed.groupSlug)).build()).length;
  say(`first build after start: ${ms(performance.now() - first)} ms, ${bytes} bytes`);

  const times = {
    kept: [] as number[],
    full: [] as number[],
    keptCpu: [] as number[],
    fullCpu: [] as number[],
  };
  /** A build's wall time and this process's CPU time during it (less blurred by other processes). */
  const timed = async (feedsOf: FeedsService, wall: number[], cpu: number[]): Promise<Buffer> => {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    const body = await (await feedsOf.groupFeed(seed.groupSlug)).build();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    return body;
  };
  const stageTimes: Record<string, number[]> = {};
  for (let i = 0; i < ROUNDS; i++) {
    await pool.query(`UPDATE events SET title = $2 WHERE id = $1`, [
      seed.events[i % seed.events.length],
      `Bench event, changed ${i}`,
    ]);
    const built = await timed(feeds, times.kept, times.keptCpu);
    const fullBuild = await timed(fullFeeds, times.full, times.fullCpu);
    if (!built.equals(fullBuild)) throw new Error(`round ${i}: the build differs from a full build`);
    for (const [stage, t] of Object.entries(await stages(dataSource, env, groupId))) {
      (stageTimes[stage] ??= []).push(t);
    }
  }
  say(`group feed cold build after one change (${ROUNDS} rounds), from the last build:`);
  say(`  wall ${percentiles(times.kept)}; CPU ${percentiles(times.keptCpu)}`);
  say('the same, every build a full one:');
  say(`  wall ${percentiles(times.full)}; CPU ${percentiles(times.fullCpu)}`);
  say('stages of a full build, each timed alone:');
  for (const [stage, times] of Object.entries(stageTimes)) say(`  ${stage.padEnd(22)} ${percentiles(times)}`);
}

runBenchmark(main);
