/*
 * bench/rsvp — the RSVP write path under concurrent clients (DESIGN §7): create/cancel pairs through
 * the API, the same transaction run directly with `pg` as the ceiling, their ratio, and the public
 * listing. `npm run bench:rsvp`; knobs in README.md. A measurement: it exits 0 whether or not the
 * targets are met, and non-zero only when the run itself broke.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  BenchDatabase,
  Cleanup,
  CpuMeter,
  CpuShare,
  HearthProcess,
  HttpClient,
  LoadWindow,
  Meter,
  MeterReport,
  REPO_ROOT,
  closedLoop,
  combined,
  cpu,
  cpuProfilesIn,
  expect2xx,
  machineBusy,
  machineSummary,
  mib,
  ms,
  num,
  openLoop,
  provideDatabase,
  report,
  runBenchmark,
  say,
  startEnv,
  startFlags,
  startHearthProcess,
  summarizeCpuProfile,
  table,
  verdict,
} from '../support';
import { ceilingCancel, ceilingGoing } from './ceiling';
import { RsvpSeed, seedRsvpBench } from './seed';

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const CONNECTIONS = intFrom('BENCH_CONNECTIONS', 50);
const CONFIG = {
  connections: CONNECTIONS,
  warmupMs: intFrom('BENCH_WARMUP_S', 3) * 1000,
  durationMs: intFrom('BENCH_DURATION_S', 15) * 1000,
  listingMs: intFrom('BENCH_LISTING_S', 10) * 1000,
  /** Rounds of (ceiling, API) per variant, interleaved so both see the same machine (BENCH_ROUNDS). */
  rounds: intFrom('BENCH_ROUNDS', 2),
  /** The server's DATABASE_POOL_SIZE. */
  poolSize: intFrom('BENCH_POOL_SIZE', 20),
  usersPerConnection: 20,
  spreadEvents: 100,
  contendedCapacity: CONNECTIONS,
  listingEvents: 1000,
  /**
   * BENCH_OPEN_RATE: requests/s of the open-loop API run. Default: the throughput DESIGN §7 asks for,
   * half the ceiling's transactions/s (spread variant).
   */
  openRate: process.env.BENCH_OPEN_RATE ? intFrom('BENCH_OPEN_RATE', 1) : null,
  /** BENCH_PHASES / BENCH_VARIANTS: run a subset (e.g. BENCH_PHASES=api BENCH_VARIANTS=spread). */
  phases: listFrom('BENCH_PHASES', ['ceiling', 'api', 'listing']),
  variants: listFrom('BENCH_VARIANTS', ['spread', 'contended']),
  /** BENCH_CPU_PROF=<folder> (or 1 for a temporary one): profile the server with --cpu-prof. */
  cpuProfileDir: profileDir(process.env.BENCH_CPU_PROF?.trim()),
};

function listFrom(name: string, all: string[]): string[] {
  const raw = process.env[name]?.trim();
  if (!raw) return all;
  const picked = raw.split(',').map((x) => x.trim());
  const unknown = picked.filter((x) => !all.includes(x));
  if (unknown.length > 0)
    throw new Error(`${name}: unknown ${unknown.join(', ')} (known: ${all.join(', ')})`);
  return picked;
}

function profileDir(value: string | undefined): string | null {
  if (!value || value === '0') return null;
  return value === '1' ? mkdtempSync(join(tmpdir(), 'hearth-bench-prof-')) : value;
}

/** DESIGN §7 and issue #14: the ratio to the ceiling, the latency at half the ceiling, and an absolute rate. */
const TARGET = { ratio: 0.5, p99Ms: 50, perSecond: 1000 };
const LISTING_PATHS = ['/api/public/events?limit=20', '/api/public/events?limit=20&kind=virtual_networking'];
const INBOUND_DOMAIN = 'hearth.localhost';

interface Variant {
  key: 'spread' | 'contended';
  label: string;
  events: string[];
  /** null: more seats than the run can take. */
  capacity: number | null;
}

interface RsvpPhase {
  /** The raw meters and measured seconds, to merge rounds. */
  meters: { going: Meter; cancel: Meter; seconds: number };
  going: MeterReport;
  cancel: MeterReport;
  all: MeterReport;
  cpu: CpuShare;
  /** Most seats seen held on any one of the variant's events while it ran (sampled). */
  maxGoing: number;
}

/** Which user each loop uses: loop i owns users i, i+N, i+2N… so no two loops share a person. */
function pickUser(seed: RsvpSeed, loop: number): RsvpSeed['users'][number] {
  const owned = Math.floor(seed.users.length / CONFIG.connections);
  return seed.users[loop + CONFIG.connections * Math.floor(Math.random() * owned)];
}

function pickEvent(variant: Variant): string {
  return variant.events[Math.floor(Math.random() * variant.events.length)];
}

/** Same starting point for every phase: nobody going, dead rows vacuumed, dirty pages flushed. */
async function resetState(db: Pool): Promise<void> {
  await db.query(
    `UPDATE rsvps SET status = 'declined', guests = 0, waitlist_seq = NULL WHERE status <> 'declined'`,
  );
  // Not a table still empty (the first phase's RSVPs, invitations and outbox): vacuumed, it is "known
  // empty", and statements planned on that scan it whole as it fills (bench/http/seed.ts says more).
  for (const table of ['rsvps', 'rsvp_history', 'invitations', 'outbox_messages', 'sessions']) {
    const { rows } = await db.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (rows.length > 0) await db.query(`VACUUM ANALYZE ${table}`);
  }
  await db.query('CHECKPOINT').catch(() => undefined); // needs superuser or pg_checkpoint
}

/** Samples the most seats held on any of the events, to show capacity is never exceeded. */
function watchSeats(db: Pool, eventIds: string[]): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query<{ n: number | null }>(
        `SELECT max(n)::int AS n FROM (
           SELECT sum(1 + guests) AS n FROM rsvps WHERE event_id = ANY($1::uuid[]) AND status = 'going'
            GROUP BY event_id) AS per_event`,
        [eventIds],
      );
      max = Math.max(max, rows[0].n ?? 0);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return max;
    },
  };
}

function printPhase(phase: RsvpPhase, unit: string): void {
  for (const m of [phase.going, phase.cancel, phase.all]) {
    const l = m.latency;
    say(
      `    ${m.name.padEnd(14)} ${num(m.perSecond, 0).padStart(7)} ${unit}/s  p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  ` +
        `p99 ${ms(l.p99)}  max ${ms(l.max)} ms  failed ${m.failuresIncludingWarmup}`,
    );
  }
  say(`    ${cpu(phase.cpu)}`);
  say(`    most seats taken on the busiest event at any sample: ${phase.maxGoing}`);
}

function printFailures(meters: Meter[]): void {
  for (const m of meters) {
    for (const [failure, count] of m.failures) say(`    ! ${m.name}: ${count} × ${failure}`);
    for (const example of m.examples.slice(0, 1)) say(`      e.g. ${example}`);
  }
}

/** Rounds of one phase as one: requests and latencies pooled over their total measured time. */
function mergeRounds(rounds: RsvpPhase[], allName: string): RsvpPhase {
  if (rounds.length === 1) return rounds[0];
  const going = combined(
    rounds[0].meters.going.name,
    rounds.map((r) => r.meters.going),
  );
  const cancel = combined(
    rounds[0].meters.cancel.name,
    rounds.map((r) => r.meters.cancel),
  );
  const seconds = rounds.reduce((sum, r) => sum + r.meters.seconds, 0);
  const window = new LoadWindow(0, seconds * 1000);
  const mean = (pick: (c: CpuShare) => number | null): number | null => {
    const values = rounds.map((r) => pick(r.cpu));
    return values.some((v) => v === null)
      ? null
      : values.reduce<number>((sum, v) => sum + (v ?? 0), 0) / values.length;
  };
  return {
    meters: { going, cancel, seconds },
    going: report(going, window),
    cancel: report(cancel, window),
    all: report(combined(allName, [going, cancel]), window),
    cpu: {
      machine: mean((c) => c.machine),
      server: mean((c) => c.server),
      serverSystem: mean((c) => c.serverSystem),
      postgres: mean((c) => c.postgres),
      loadGenerator: mean((c) => c.loadGenerator) ?? 0,
      other: mean((c) => c.other),
      cores: rounds[0].cpu.cores,
    },
    maxGoing: Math.max(...rounds.map((r) => r.maxGoing)),
  };
}

/** What the phases share. */
interface Run {
  db: Pool;
  database: BenchDatabase;
  seed: RsvpSeed;
}

async function ceilingPhase(run: Run, variant: Variant): Promise<RsvpPhase> {
  const { db, seed } = run;
  await resetState(db);
  const pool = new Pool({
    connectionString: run.database.url,
    max: CONFIG.connections,
    application_name: 'bench-ceiling',
  });
  pool.on('error', () => undefined);
  try {
    // Open every connection before the clock starts, as the server's pool is after its warm-up.
    const clients = await Promise.all(Array.from({ length: CONFIG.connections }, () => pool.connect()));
    clients.forEach((c) => c.release());
    const going = new Meter('going (tx)');
    const cancel = new Meter('cancel (tx)');
    const seats = watchSeats(db, variant.events);
    const meter = new CpuMeter(null, run.database.postmasterPid);
    const window = await closedLoop({ ...CONFIG, onWindowStart: () => meter.start() }, async (loop, w) => {
      const user = pickUser(seed, loop);
      const eventId = pickEvent(variant);
      for (const [m, run] of [
        [going, (c) => ceilingGoing(c, eventId, user, INBOUND_DOMAIN)],
        [cancel, (c) => ceilingCancel(c, eventId, user)],
      ] as Array<[Meter, (c: import('pg').PoolClient) => Promise<true | string>]>) {
        await m.time(w, async () => {
          const client = await pool.connect();
          try {
            const outcome = await run(client);
            client.release();
            return outcome;
          } catch (error) {
            client.release(error as Error);
            throw error;
          }
        });
      }
    });
    const share = meter.stop();
    const maxGoing = await seats.stop();
    const all = combined('all (tx)', [going, cancel]);
    printFailures([going, cancel]);
    return {
      meters: { going, cancel, seconds: window.seconds },
      going: report(going, window),
      cancel: report(cancel, window),
      all: report(all, window),
      cpu: share,
      maxGoing,
    };
  } finally {
    await pool.end();
  }
}

const isGoing = (body: string): string | null => (body.includes('"status":"going"') ? null : body);
const isDeclined = (body: string): string | null => (body.includes('"status":"declined"') ? null : body);

/**
 * Through the API: create/cancel pairs over keep-alive HTTP. Closed loop (each connection sends its
 * next pair as soon as the last is answered: the most the server can do), or open loop at a fixed
 * rate in requests/s (latency at a load the server can carry).
 */
async function apiPhase(
  run: Run,
  hearth: HearthProcess,
  variant: Variant,
  openRate?: number,
): Promise<RsvpPhase & { late: number }> {
  const { db, seed } = run;
  await resetState(db);
  const client = new HttpClient(hearth.url, CONFIG.connections);
  try {
    const going = new Meter('POST going');
    const cancel = new Meter('DELETE');
    const seats = watchSeats(db, variant.events);
    const meter = new CpuMeter(hearth.pid, run.database.postmasterPid);
    const pair = async (loop: number, w: LoadWindow, dueAt?: number): Promise<void> => {
      const user = pickUser(seed, loop);
      const eventId = pickEvent(variant);
      const headers = { cookie: user.cookie };
      const body = '{"status":"going"}';
      const path = `/api/events/${eventId}/rsvps`;
      await going.time(w, () => expect2xx(client, 'POST', path, { headers, body, check: isGoing }), dueAt);
      await cancel.time(w, () => expect2xx(client, 'DELETE', `${path}/me`, { headers, check: isDeclined }));
    };
    let window: LoadWindow;
    let late = 0;
    if (openRate === undefined) {
      window = await closedLoop({ ...CONFIG, onWindowStart: () => meter.start() }, pair);
    } else {
      setTimeout(() => meter.start(), CONFIG.warmupMs);
      ({ window, late } = await openLoop(
        { ...CONFIG, ratePerSecond: openRate / 2, maxInFlight: CONFIG.connections },
        pair,
      ));
    }
    const share = meter.stop();
    const maxGoing = await seats.stop();
    printFailures([going, cancel]);
    return {
      meters: { going, cancel, seconds: window.seconds },
      going: report(going, window),
      cancel: report(cancel, window),
      all: report(combined('all requests', [going, cancel]), window),
      cpu: share,
      maxGoing,
      late,
    };
  } finally {
    client.close();
  }
}

async function listingPhase(
  run: Run,
  hearth: HearthProcess,
  path: string,
): Promise<{ r: MeterReport; cpu: CpuShare }> {
  const client = new HttpClient(hearth.url, CONFIG.connections);
  try {
    const first = await client.request('GET', path);
    const items = (JSON.parse(first.body) as { items?: unknown[] }).items?.length ?? 0;
    if (first.status !== 200 || items === 0)
      throw new Error(`GET ${path} answered ${first.status} ${first.body}`);
    const meter = new Meter(`GET ${path}`);
    const cpuMeter = new CpuMeter(hearth.pid, run.database.postmasterPid);
    const window = await closedLoop(
      {
        connections: CONFIG.connections,
        warmupMs: 2000,
        durationMs: CONFIG.listingMs,
        onWindowStart: () => cpuMeter.start(),
      },
      async (_loop, w) => {
        await meter.time(w, () => expect2xx(client, 'GET', path));
      },
    );
    const share = cpuMeter.stop();
    printFailures([meter]);
    return { r: report(meter, window), cpu: share };
  } finally {
    client.close();
  }
}

/** One create/cancel pair by hand: checks the API works, counts its SQL, and captures the outbox row. */
async function probe(
  db: Pool,
  hearth: HearthProcess,
  seed: RsvpSeed,
): Promise<{ statements: Map<string, Map<string, number>> }> {
  const client = new HttpClient(hearth.url, 1);
  const statements = new Map<string, Map<string, number>>();
  try {
    const user = seed.users[0];
    const headers = { cookie: user.cookie };
    const requests: Array<[string, string, string, string | undefined]> = [
      ['POST going', 'POST', `/api/events/${seed.spreadEvents[0]}/rsvps`, '{"status":"going"}'],
      ['DELETE', 'DELETE', `/api/events/${seed.spreadEvents[0]}/rsvps/me`, undefined],
      ['GET public', 'GET', '/api/public/events?limit=20', undefined],
    ];
    // The first round warms lazy paths up; the second is counted.
    for (const round of [1, 2]) {
      for (const [name, method, path, body] of requests) {
        await hearth.queries?.start();
        const res = await client.request(method, path, { headers, body });
        const counts = await hearth.queries?.stop();
        if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${res.body}`);
        if (round === 2 && counts) statements.set(name, counts);
      }
    }
    // The notice is queued as an intent in the RSVP's transaction; the worker (not running here:
    // HEARTH_ROLE=api) composes it after commit.
    // (An older build, run with BENCH_HEARTH_ENTRY, composes it in the transaction instead.)
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE user_id = $1 AND purpose = 'event_confirmed'`,
      [user.id],
    );
    if (rows[0].n === 0) throw new Error('the probe RSVP queued no notice in the outbox');
    return { statements };
  } finally {
    client.close();
  }
}

/** The ceiling transactions' statements, counted on the client the same way (one pair, then undone). */
async function ceilingStatements(run: Run): Promise<Map<string, Map<string, number>>> {
  const client = await run.db.connect();
  const result = new Map<string, Map<string, number>>();
  try {
    let counts = new Map<string, number>();
    const counting = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        return (config: string | { text: string }, params?: unknown[]) => {
          const text = typeof config === 'string' ? config : config.text;
          const key = text.replace(/\s+/g, ' ').trim();
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return target.query(config as never, params);
        };
      },
    });
    const user = run.seed.users[0];
    const eventId = run.seed.spreadEvents[1];
    for (const [name, transaction] of [
      ['ceiling going', () => ceilingGoing(counting, eventId, user, INBOUND_DOMAIN)],
      ['ceiling cancel', () => ceilingCancel(counting, eventId, user)],
    ] as Array<[string, () => Promise<true | string>]>) {
      counts = new Map();
      const outcome = await transaction();
      if (outcome !== true) throw new Error(`${name} refused: ${outcome}`);
      result.set(name, counts);
    }
    return result;
  } finally {
    client.release();
  }
}

function total(counts: Map<string, number> | undefined): number {
  let n = 0;
  for (const c of counts?.values() ?? []) n += c;
  return n;
}

function printStatements(statements: Map<string, Map<string, number>>): void {
  if (statements.size === 0) return;
  say('SQL statements per request (API: counted in the server, second round; ceiling: on its client):');
  for (const [name, counts] of statements) {
    say(`  ${name}: ${total(counts)}`);
    for (const [sql, n] of counts)
      say(`    ${String(n).padStart(2)} × ${sql.length > 110 ? `${sql.slice(0, 107)}...` : sql}`);
  }
  say();
}

interface Results {
  variants: Variant[];
  /** API/ceiling throughput ratio of each round, by variant. */
  roundRatios: Map<string, number[]>;
  api: Map<string, RsvpPhase>;
  ceiling: Map<string, RsvpPhase>;
  /** The spread variant at a fixed request rate. */
  open: { rate: number; phase: RsvpPhase } | null;
  listings: Array<{ r: MeterReport; cpu: CpuShare }>;
  peakRss: number;
  /** SQL statements per request / transaction, by name (see probe). */
  statements: Map<string, Map<string, number>>;
}

function cpuRow(label: string, c: CpuShare, perSecond: number): string[] {
  const pct = (v: number | null): string => (v === null ? 'n/a' : `${v.toFixed(0)}%`);
  const perOp = (v: number | null): string => (v === null ? 'n/a' : ((10 * v) / perSecond).toFixed(2));
  return [
    label,
    pct(c.server),
    pct(c.postgres),
    pct(c.loadGenerator),
    pct(c.other),
    perOp(c.server),
    perOp(c.postgres),
  ];
}

function printSummary({
  variants,
  roundRatios,
  api,
  ceiling,
  open,
  listings,
  peakRss,
  statements,
}: Results): void {
  const seconds = (x: number): string => `${x / 1000} s`;
  say();
  say('='.repeat(100));
  say(
    `SUMMARY bench/rsvp — ${CONFIG.connections} connections, ${seconds(CONFIG.durationMs)} after ` +
      `${seconds(CONFIG.warmupMs)} warm-up; ${machineSummary()}`,
  );
  say();
  const rows: string[][] = [];
  const cpuRows: string[][] = [];
  for (const v of variants) {
    for (const [who, phase] of [
      ['API', api.get(v.key)],
      ['pg ceiling', ceiling.get(v.key)],
    ] as Array<[string, RsvpPhase | undefined]>) {
      if (!phase) continue;
      const l = phase.all.latency;
      rows.push([
        `${who}, ${v.label}`,
        num(phase.all.perSecond),
        num(phase.going.perSecond),
        ms(l.p50),
        ms(l.p95),
        ms(l.p99),
        ms(l.max),
        String(phase.all.failuresIncludingWarmup),
        `${phase.maxGoing}/${v.capacity ?? '∞'}`,
      ]);
      cpuRows.push(cpuRow(`${who}, ${v.label}`, phase.cpu, phase.all.perSecond));
    }
  }
  if (open) {
    const { phase } = open;
    const l = phase.all.latency;
    const label = `API, ${variants[0].label}, at ${open.rate} req/s`;
    rows.push([
      label,
      num(phase.all.perSecond),
      num(phase.going.perSecond),
      ms(l.p50),
      ms(l.p95),
      ms(l.p99),
      ms(l.max),
      String(phase.all.failuresIncludingWarmup),
      `${phase.maxGoing}/∞`,
    ]);
    cpuRows.push(cpuRow(label, phase.cpu, phase.all.perSecond));
  }
  for (const { r, cpu: c } of listings) cpuRows.push(cpuRow(r.name, c, r.perSecond));
  if (rows.length > 0) {
    say(
      table(
        ['RSVP create/cancel', 'ops/s', 'pairs/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'seats'],
        rows,
      ),
    );
    say('  ops: API requests (POST going + DELETE) or ceiling transactions; pair: one of each;');
    say('  seats: most seats held on the busiest event at any sample / capacity;');
    say('  "at N req/s": open loop, requests started on a fixed schedule (latency counted from when due).');
    say();
  }
  const verdictRows: string[][] = [];
  for (const v of variants) {
    const a = api.get(v.key);
    const c = ceiling.get(v.key);
    if (!a || !c) continue;
    const ratio = a.all.perSecond / c.all.perSecond;
    const rounds = roundRatios.get(v.key) ?? [];
    const capacity = v.capacity ?? Infinity;
    const openHere = open && v.key === 'spread' ? open : null;
    verdictRows.push([
      v.label,
      v.key === 'spread'
        ? `${num(a.all.perSecond)} ${a.all.perSecond >= TARGET.perSecond ? 'met' : 'not met'}`
        : 'n/a (one row lock)',
      `${ratio.toFixed(2)} ${verdict(ratio >= TARGET.ratio)}` +
        (rounds.length > 1 ? ` (rounds ${rounds.map((r) => r.toFixed(2)).join(', ')})` : ''),
      openHere
        ? `${ms(openHere.phase.all.latency.p99)} at ${openHere.rate}/s ${verdict(openHere.phase.all.latency.p99 < TARGET.p99Ms)}`
        : 'not run',
      ms(a.all.latency.p99),
      `${a.all.failuresIncludingWarmup + (openHere?.phase.all.failuresIncludingWarmup ?? 0)} ` +
        verdict(a.all.failuresIncludingWarmup + (openHere?.phase.all.failuresIncludingWarmup ?? 0) === 0),
      verdict(a.maxGoing <= capacity && c.maxGoing <= capacity),
    ]);
  }
  if (verdictRows.length > 0) {
    say(
      table(
        [
          'targets (DESIGN §7, #14)',
          `API ≥ ${num(TARGET.perSecond)} req/s`,
          `API/ceiling ≥ ${TARGET.ratio}`,
          `p99 < ${TARGET.p99Ms} ms at the required rate`,
          'closed-loop p99',
          'non-2xx = 0',
          'no overbooking',
        ],
        verdictRows,
      ),
    );
    say(
      `  Absolute target (#14): ≥ ${num(TARGET.perSecond)} API requests/s (POST going + DELETE, closed loop, ` +
        `${CONFIG.connections} connections, each its own users), RSVPs spread over the events.`,
    );
    if (open) {
      const c = ceiling.get('spread');
      say(
        `  Required rate: ${open.rate} requests/s` +
          (c && CONFIG.openRate === null
            ? ` = ${TARGET.ratio} × the ceiling's ${num(c.all.perSecond)}/s, the throughput DESIGN §7 asks for,`
            : ' (BENCH_OPEN_RATE),') +
          ` offered on a fixed schedule over ${CONFIG.connections} connections (open loop).`,
      );
    }
    const spread = api.get('spread');
    if (spread) {
      say(
        `  Closed-loop latency is connections ÷ throughput (Little's law): ${CONFIG.connections} ÷ ` +
          `${num(spread.all.perSecond)} req/s = ${ms((1000 * CONFIG.connections) / spread.all.perSecond)} ms mean, ` +
          `whatever the server does; a p99 under ${TARGET.p99Ms} ms there would need over ` +
          `${num((1000 * CONFIG.connections) / TARGET.p99Ms)} req/s, more than the ceiling itself.`,
      );
    }
    say();
  }
  if (listings.length > 0) {
    say(
      table(
        ['public listing', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
        listings.map(({ r }) => [
          r.name,
          num(r.perSecond),
          ms(r.latency.p50),
          ms(r.latency.p95),
          ms(r.latency.p99),
          ms(r.latency.max),
          String(r.failuresIncludingWarmup),
        ]),
      ),
    );
    say();
  }
  say(
    table(
      ['CPU, % of one core', 'server', 'postgres', 'load gen', 'other', 'server ms/op', 'postgres ms/op'],
      cpuRows,
    ),
  );
  say('  ms/op: CPU time per request (or ceiling transaction), less sensitive than ops/s to a busy machine.');
  if (cpuRows.some((r) => parseFloat(r[4]) > 25)) {
    say(
      '  !! other processes used the CPU during the run: the figures are skewed; rerun on a quiet machine.',
    );
  }
  say();
  const n = (name: string): number => total(statements.get(name));
  say(
    `SQL statements: API POST going ${n('POST going')}, DELETE ${n('DELETE')} (with the session lookup and the ` +
      `answer's read), GET public ${n('GET public')}; ceiling going ${n('ceiling going')}, cancel ` +
      `${n('ceiling cancel')} (BEGIN/COMMIT only when an answer is run again under the lock).`,
  );
  say(`Peak RSS: Hearth ${mib(peakRss)}, load generator ${mib(process.resourceUsage().maxRSS * 1024)}`);
  say('='.repeat(100));
}

async function main(cleanup: Cleanup): Promise<void> {
  const seconds = (x: number): string => `${x / 1000} s`;
  say('bench/rsvp — RSVP write path and public listing');
  say(`Machine: ${machineSummary()}`);
  say(
    `Load: ${CONFIG.connections} connections, closed loop, ${seconds(CONFIG.durationMs)} measured after ` +
      `${seconds(CONFIG.warmupMs)} warm-up (listing ${seconds(CONFIG.listingMs)}); server pool ${CONFIG.poolSize}`,
  );

  const busy = await machineBusy();
  if (busy !== null && busy > 25) {
    say(
      `!! Before starting, other processes keep the machine ${busy.toFixed(0)}% busy: figures will be skewed.`,
    );
  }

  const database = await provideDatabase(cleanup, (line) => say(line));
  say(
    `PostgreSQL ${database.serverVersion} (${database.server}), database ${database.name}, ` +
      `${database.migrations} migrations applied, max_connections ${database.maxConnections}`,
  );
  const needed = CONFIG.poolSize + 4 + 2;
  if (needed > database.maxConnections || CONFIG.connections + 4 + 2 > database.maxConnections) {
    throw new Error(`max_connections ${database.maxConnections} is too low for this run (needs ${needed})`);
  }
  const db = new Pool({ connectionString: database.url, max: 4, application_name: 'bench-admin' });
  db.on('error', () => undefined); // an idle connection dropped at shutdown is not a failure
  cleanup.add('close the admin pool', () => db.end());

  let started = performance.now();
  const seed = await seedRsvpBench(db, {
    users: CONFIG.connections * CONFIG.usersPerConnection,
    spreadEvents: CONFIG.spreadEvents,
    contendedCapacity: CONFIG.contendedCapacity,
    listingEvents: CONFIG.listingEvents,
  });
  say(
    `Seeded ${seed.users.length} users with sessions, ${seed.spreadEvents.length} + 1 RSVP events, ` +
      `${seed.listingEvents} more events for the listing, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const run: Run = { db, database, seed };
  // As `npm start` runs it (node flags, glibc settings), so its memory is the deployed one.
  const nodeArgs: string[] = startFlags();
  if (CONFIG.cpuProfileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${CONFIG.cpuProfileDir}`);
  started = performance.now();
  const hearth = await startHearthProcess(cleanup, {
    databaseUrl: database.url,
    poolSize: CONFIG.poolSize,
    nodeArgs,
    countQueries: true,
    env: { ...startEnv(), PUBLIC_BASE_URL: 'http://hearth.bench', INBOUND_DOMAIN },
  });
  say(
    `Hearth (HEARTH_ROLE=api, pid ${hearth.pid}) ready at ${hearth.url} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  say();

  const { statements } = await probe(db, hearth, seed);
  for (const [name, counts] of await ceilingStatements(run)) statements.set(name, counts);
  printStatements(statements);

  const variants: Variant[] = (
    [
      {
        key: 'spread',
        label: `spread over ${seed.spreadEvents.length} events`,
        events: seed.spreadEvents,
        capacity: null,
      },
      {
        key: 'contended',
        label: `one event, capacity ${CONFIG.contendedCapacity}`,
        events: [seed.contendedEvent],
        capacity: CONFIG.contendedCapacity,
      },
    ] satisfies Variant[]
  ).filter((v) => CONFIG.variants.includes(v.key));

  // Rounds of ceiling then API for each variant: on a shared machine the speed available drifts from
  // minute to minute, and interleaving lets each ratio compare runs made under the same conditions.
  // The two never hold PostgreSQL connections at once.
  const ceilingRounds = new Map<string, RsvpPhase[]>();
  const apiRounds = new Map<string, RsvpPhase[]>();
  const roundRatios = new Map<string, number[]>();
  const runCeiling = CONFIG.phases.includes('ceiling');
  const runApi = CONFIG.phases.includes('api');
  for (let round = 1; round <= CONFIG.rounds; round++) {
    for (const v of variants) {
      const of = CONFIG.rounds > 1 ? ` (round ${round} of ${CONFIG.rounds})` : '';
      let c: RsvpPhase | null = null;
      let a: RsvpPhase | null = null;
      if (runCeiling) {
        say(`Ceiling (pg, no HTTP), ${v.label}${of}…`);
        c = await ceilingPhase(run, v);
        printPhase(c, 'tx');
        ceilingRounds.set(v.key, [...(ceilingRounds.get(v.key) ?? []), c]);
      }
      if (runApi) {
        say(`API, ${v.label}${of}…`);
        a = await apiPhase(run, hearth, v);
        printPhase(a, 'req');
        apiRounds.set(v.key, [...(apiRounds.get(v.key) ?? []), a]);
      }
      if (a && c) {
        const ratio = a.all.perSecond / c.all.perSecond;
        roundRatios.set(v.key, [...(roundRatios.get(v.key) ?? []), ratio]);
        if (CONFIG.rounds > 1) say(`    API/ceiling this round: ${ratio.toFixed(2)}`);
      }
    }
  }
  const ceiling = new Map<string, RsvpPhase>();
  const api = new Map<string, RsvpPhase>();
  for (const [key, rounds] of ceilingRounds) ceiling.set(key, mergeRounds(rounds, 'all (tx)'));
  for (const [key, rounds] of apiRounds) api.set(key, mergeRounds(rounds, 'all requests'));

  // A closed loop's latency is connections ÷ throughput whatever the server does. The open loop asks
  // for a fixed rate — by default the one DESIGN §7 requires, half the ceiling — with up to the same
  // number of connections in flight, and shows how fast the API answers while carrying it.
  let open: Results['open'] = null;
  const spreadCeiling = ceiling.get('spread');
  const spreadApi = api.get('spread');
  const openRate =
    CONFIG.openRate ??
    (spreadCeiling
      ? Math.max(1, Math.round(spreadCeiling.all.perSecond * TARGET.ratio))
      : spreadApi
        ? Math.max(1, Math.round(spreadApi.all.perSecond / 2))
        : null);
  if (runApi && openRate !== null && variants[0]?.key === 'spread') {
    say(`API, ${variants[0].label}, open loop at ${openRate} req/s…`);
    const phase = await apiPhase(run, hearth, variants[0], openRate);
    printPhase(phase, 'req');
    if (phase.late > 0)
      say(`    ${phase.late} pairs found all ${CONFIG.connections} connections busy and started late`);
    open = { rate: openRate, phase };
  }
  const listings: Array<{ r: MeterReport; cpu: CpuShare }> = [];
  for (const path of CONFIG.phases.includes('listing') ? LISTING_PATHS : []) {
    say(`Public listing, GET ${path}…`);
    const result = await listingPhase(run, hearth, path);
    say(
      `    ${num(result.r.perSecond)} req/s  p50 ${ms(result.r.latency.p50)}  p99 ${ms(result.r.latency.p99)} ms`,
    );
    say(`    ${cpu(result.cpu)}`);
    listings.push(result);
  }

  const peakRss = hearth.peakRss();
  await hearth.stop();

  printSummary({ variants, roundRatios, api, ceiling, open, listings, peakRss, statements });

  if (CONFIG.cpuProfileDir) {
    for (const file of cpuProfilesIn(CONFIG.cpuProfileDir)) {
      say();
      say(summarizeCpuProfile(file, REPO_ROOT));
    }
  }
}

runBenchmark(main);
