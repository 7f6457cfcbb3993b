import fc from 'fast-check';
import { pairRound } from './pairing';
import { type PairingInput, roomSizes } from './problem';

type Pair = readonly [string, string];
const key = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The test's own exhaustive search: every seating of `people` in rooms of `sizes`. */
function* seatings(people: string[], sizes: number[]): Generator<string[][]> {
  const rooms: string[][] = sizes.map(() => []);
  function* place(i: number): Generator<string[][]> {
    if (i === people.length) {
      yield rooms.map((r) => r.slice());
      return;
    }
    for (let g = 0; g < rooms.length; g++) {
      if (rooms[g].length >= sizes[g]) continue;
      rooms[g].push(people[i]);
      yield* place(i + 1);
      rooms[g].pop();
    }
  }
  yield* place(0);
}

function pairsOf(rooms: string[][]): string[] {
  const out: string[] = [];
  for (const r of rooms)
    for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) out.push(key(r[i], r[j]));
  return out;
}

function exists(people: string[], k: number, blocked: Set<string>, met: Set<string> | null): boolean {
  const sizes = roomSizes(people.length, k);
  if (sizes.length === 0) return people.length === 0;
  for (const s of seatings(people, sizes)) {
    const pairs = pairsOf(s);
    if (pairs.some((p) => blocked.has(p))) continue;
    if (met && pairs.some((p) => met.has(p))) continue;
    return true;
  }
  return false;
}

function subsets<T>(items: T[], r: number): T[][] {
  if (r === 0) return [[]];
  if (items.length < r) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, r - 1).map((s) => [first, ...s]), ...subsets(rest, r)];
}

/** Checks every rule for one round; exhaustive comparisons when the round is small. */
function checkRound(input: PairingInput, exhaustive: boolean): ReturnType<typeof pairRound> {
  const result = pairRound(input);
  const present = input.people.map((p) => p.id).sort();
  const seen = [...result.groups.flat(), ...result.waiting].sort();
  expect(seen).toEqual(present);
  const blocked = new Set(input.blocks.map(([a, b]) => key(a, b)));
  const met = new Set(input.pastPairs.map(([a, b]) => key(a, b)));
  for (const p of pairsOf(result.groups)) expect(blocked.has(p)).toBe(false);
  const sizes = result.groups.map((g) => g.length);
  if (sizes.length > 0) {
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  }
  const seated = present.length - result.waiting.length;
  expect(sizes.sort((a, b) => b - a)).toEqual(roomSizes(seated, input.groupSize));
  expect(result.repeatedPairs).toBe(pairsOf(result.groups).filter((p) => met.has(p)).length);
  if (exhaustive) {
    if (exists(present, input.groupSize, blocked, met)) {
      expect(result.waiting).toEqual([]);
      expect(result.repeatedPairs).toBe(0);
    }
    if (exists(present, input.groupSize, blocked, null)) expect(result.waiting).toEqual([]);
    // Fewest waiting: with one person fewer out, nobody could have been seated block-free.
    const w = result.waiting.length;
    if (w > 0 && seated > 0)
      for (const out of subsets(present, w - 1)) {
        const rest = present.filter((p) => !out.includes(p));
        expect(exists(rest, input.groupSize, blocked, null)).toBe(false);
      }
  }
  return result;
}

interface Scenario {
  population: number;
  rounds: number;
  groupSize: number;
  useInterests: boolean;
  seed: number;
  blockRate: number;
  presence: boolean[][];
  interestBits: number[];
}

function scenario(maxPopulation: number, rounds = 8): fc.Arbitrary<Scenario> {
  return fc
    .record({
      population: fc.integer({ min: 2, max: maxPopulation }),
      rounds: fc.integer({ min: 1, max: rounds }),
      groupSize: fc.integer({ min: 2, max: 4 }),
      useInterests: fc.boolean(),
      seed: fc.integer(),
      blockRate: fc.constantFrom(0, 0.02, 0.1, 0.4),
    })
    .chain((s) =>
      fc.record({
        population: fc.constant(s.population),
        rounds: fc.constant(s.rounds),
        groupSize: fc.constant(s.groupSize),
        useInterests: fc.constant(s.useInterests),
        seed: fc.constant(s.seed),
        blockRate: fc.constant(s.blockRate),
        // Who is present in each round: arrivals and departures between rounds.
        presence: fc.array(fc.array(fc.boolean(), { minLength: s.population, maxLength: s.population }), {
          minLength: s.rounds,
          maxLength: s.rounds,
        }),
        interestBits: fc.array(fc.integer({ min: 0, max: 31 }), {
          minLength: s.population,
          maxLength: s.population,
        }),
      }),
    );
}

/** Plays every round, carrying the pairs who met into the next. */
function play(s: Scenario, exhaustiveUpTo: number): void {
  const ids = Array.from({ length: s.population }, (_, i) => `p${String(i).padStart(4, '0')}`);
  const tags = ['art', 'books', 'code', 'dance', 'earth'];
  const interests = s.interestBits.map((bits) => tags.filter((_, t) => bits & (1 << t)));
  const blocks: Pair[] = [];
  let state = s.seed >>> 0;
  const rand = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const blockCount = Math.min(5000, Math.floor(s.blockRate * s.population * 2));
  for (let b = 0; b < blockCount; b++) {
    const i = Math.floor(rand() * s.population);
    const j = Math.floor(rand() * s.population);
    if (i !== j) blocks.push([ids[i], ids[j]]);
  }
  const pastPairs: Pair[] = [];
  for (let round = 0; round < s.rounds; round++) {
    const people = ids
      .map((id, i) => ({ id, interests: interests[i] }))
      .filter((_, i) => s.presence[round][i] || s.population <= 3);
    const input: PairingInput = {
      people,
      pastPairs,
      blocks,
      groupSize: s.groupSize,
      useInterests: s.useInterests,
      seed: `${s.seed}:${round}`,
    };
    const result = checkRound(input, people.length <= exhaustiveUpTo);
    for (const g of result.groups)
      for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) pastPairs.push([g[i], g[j]]);
  }
}

describe('pairRound', () => {
  it('seats a lone third person in the pair rather than leaving them to wait', () => {
    const r = pairRound({
      people: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      pastPairs: [],
      blocks: [],
      groupSize: 2,
      useInterests: false,
      seed: 1,
    });
    expect(r.groups).toEqual([['a', 'b', 'c']]);
    expect(r.waiting).toEqual([]);
  });

  it('lets the fewest people wait when blocks leave no other way, and reports them', () => {
    const r = pairRound({
      people: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      pastPairs: [],
      blocks: [['a', 'b']],
      groupSize: 2,
      useInterests: false,
      seed: 7,
    });
    expect(r.waiting).toHaveLength(1);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toContain('c');
    const alone = pairRound({
      people: [{ id: 'a' }, { id: 'b' }],
      pastPairs: [],
      blocks: [['b', 'a']],
      groupSize: 2,
      useInterests: false,
      seed: 7,
    });
    expect(alone).toEqual({ groups: [], waiting: ['a', 'b'], repeatedPairs: 0 });
  });

  it('pairs people who share interests when interests are used', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = pairRound({
        people: [
          { id: 'a', interests: ['art'] },
          { id: 'b', interests: ['code'] },
          { id: 'c', interests: ['art'] },
          { id: 'd', interests: ['code'] },
        ],
        pastPairs: [],
        blocks: [],
        groupSize: 2,
        useInterests: true,
        seed,
      });
      expect(r.groups.sort()).toEqual([
        ['a', 'c'],
        ['b', 'd'],
      ]);
    }
  });

  it('avoids a repeat that a full round-robin makes avoidable (six people, five rounds of pairs)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const past: Pair[] = [];
    for (let round = 0; round < 5; round++) {
      const r = pairRound({
        people: ids.map((id) => ({ id })),
        pastPairs: past,
        blocks: [],
        groupSize: 2,
        useInterests: false,
        seed: round,
      });
      expect(r.repeatedPairs).toBe(0);
      for (const [x, y] of r.groups) past.push([x, y]);
    }
    expect(new Set(past.map(([x, y]) => key(x, y))).size).toBe(15);
  });

  it('rejects a group size outside 2–4', () => {
    const base = { people: [], pastPairs: [], blocks: [], useInterests: false, seed: 1 };
    expect(() => pairRound({ ...base, groupSize: 5 })).toThrow(RangeError);
    expect(() => pairRound({ ...base, groupSize: 1 })).toThrow(RangeError);
  });

  it('never violates a block, keeps sizes within one, and finds a repeat-free seating whenever one exists (exhaustive check up to 8 people)', () => {
    fc.assert(
      fc.property(scenario(10), (s) => play(s, 8)),
      { numRuns: 300 },
    );
  });

  it('holds the same rules for populations up to 1,000 with arrivals and departures', () => {
    fc.assert(
      fc.property(scenario(1000), (s) => play(s, 0)),
      { numRuns: 25 },
    );
  });

  it('is deterministic for a seed, whatever order the people are given in', () => {
    fc.assert(
      fc.property(scenario(60, 1), fc.integer(), (s, shuffleSeed) => {
        const ids = Array.from({ length: s.population }, (_, i) => `p${i}`);
        const people = ids.map((id, i) => ({ id, interests: s.interestBits[i] & 1 ? ['x'] : [] }));
        const blocks: Pair[] = ids
          .slice(1)
          .filter((_, i) => i % 5 === 0)
          .map((id) => [ids[0], id]);
        const input = {
          people,
          pastPairs: [],
          blocks,
          groupSize: s.groupSize,
          useInterests: s.useInterests,
          seed: s.seed,
        };
        const reordered = people
          .slice()
          .sort(() => 0)
          .reverse();
        if (shuffleSeed % 2) reordered.push(reordered.shift() as (typeof people)[number]);
        const first = pairRound(input);
        expect(pairRound(input)).toEqual(first);
        expect(pairRound({ ...input, people: reordered })).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});
