import { type Assignment, exactSearch } from './exact';
import { heuristicSearch } from './heuristic';
import { type PairingInput, type PairingResult, Problem, roomSizes } from './problem';
import { type Rng, seededRng, shuffled } from './prng';

/** Up to this many people present, the search is exhaustive (a few thousand seatings at most). */
export const EXACT_LIMIT = 12;

/**
 * Seats the people present for one round in rooms. Pure and deterministic: no clock, no database,
 * the same input and seed give the same rooms, whatever order the people arrive in.
 *
 * Rules, strongest first: a blocked pair never shares a room (if blocks leave no way to seat
 * everyone, the fewest people the search finds wait this round); room sizes follow `roomSizes`
 * (within one of each other); no pair meets twice while a repeat-free seating exists (guaranteed
 * for up to EXACT_LIMIT people, searched for with repair and restarts above); shared interests are
 * preferred when enabled.
 */
export function pairRound(input: PairingInput): PairingResult {
  if (!Number.isInteger(input.groupSize) || input.groupSize < 2 || input.groupSize > 4)
    throw new RangeError('groupSize must be 2, 3 or 4');
  const rng = seededRng(input.seed);
  const interestsById = new Map<string, readonly string[]>();
  for (const person of input.people) interestsById.set(person.id, person.interests ?? []);
  const ids = shuffled([...interestsById.keys()].sort(), rng);
  const problem = new Problem(ids, input, interestsById);
  const everyone = ids.map((_, i) => i);
  const { seated, waiting } =
    problem.n <= EXACT_LIMIT
      ? solveSmall(problem, everyone, input.groupSize, input.useInterests, rng)
      : solveLarge(problem, everyone, input.groupSize, rng);
  return {
    groups: seated.map((g) => g.map((p) => ids[p]).sort()),
    waiting: waiting.map((p) => ids[p]).sort(),
    repeatedPairs: countRepeats(problem, seated),
  };
}

interface Solution {
  seated: number[][];
  waiting: number[];
}

function solveSmall(
  problem: Problem,
  people: number[],
  groupSize: number,
  useInterests: boolean,
  rng: Rng,
): Solution {
  const sizes = roomSizes(people.length, groupSize);
  if (sizes.length === 0) return { seated: [], waiting: people };
  const quick = heuristicSearch(problem, people, sizes, rng);
  if (!useInterests && countRepeats(problem, quick.groups) === 0 && countBlocks(problem, quick.groups) === 0)
    return { seated: quick.groups, waiting: [] };
  const exact = exactSearch(problem, people, sizes, false);
  if (exact) return { seated: exact.groups, waiting: [] };
  // Nobody can be seated with everyone present: find the smallest set who wait, trying sets in the
  // seeded order so the same people do not always sit out.
  for (let r = 1; r <= people.length; r++) {
    for (const out of combinations(people.length, r)) {
      const outSet = new Set(out.map((k) => people[k]));
      const rest = people.filter((p) => !outSet.has(p));
      const restSizes = roomSizes(rest.length, groupSize);
      if (restSizes.length === 0) return { seated: [], waiting: people };
      if (!exactSearch(problem, rest, restSizes, true)) continue;
      const best = exactSearch(problem, rest, restSizes, false) as Assignment;
      return { seated: best.groups, waiting: [...outSet] };
    }
  }
  return { seated: [], waiting: people };
}

function solveLarge(problem: Problem, people: number[], groupSize: number, rng: Rng): Solution {
  const waiting: number[] = [];
  let rest = people;
  for (;;) {
    const sizes = roomSizes(rest.length, groupSize);
    if (sizes.length === 0) return { seated: [], waiting: [...waiting, ...rest] };
    const attempts = rest.length <= 40 ? 12 : rest.length <= 200 ? 3 : 1;
    let best = heuristicSearch(problem, rest, sizes, rng);
    for (let k = 1; k < attempts && countRepeats(problem, best.groups) > 0; k++) {
      const next = heuristicSearch(problem, shuffled(rest, rng), sizes, rng);
      if (next.cost < best.cost) best = next;
    }
    if (countBlocks(problem, best.groups) === 0) return { seated: best.groups, waiting };
    // A block is left: the most-blocked person in a blocked room waits, and the rest is re-seated.
    const out = mostBlocked(problem, best.groups);
    waiting.push(out);
    rest = rest.filter((p) => p !== out);
  }
}

function mostBlocked(problem: Problem, groups: number[][]): number {
  let pick = -1;
  let pickBlocks = 0;
  for (const room of groups)
    for (const p of room) {
      let blocks = 0;
      for (const m of room) if (m !== p && problem.isBlocked(p, m)) blocks++;
      if (blocks > pickBlocks) [pick, pickBlocks] = [p, blocks];
    }
  return pick;
}

function countBlocks(problem: Problem, groups: number[][]): number {
  let blocks = 0;
  for (const room of groups)
    for (let i = 0; i < room.length; i++)
      for (let j = i + 1; j < room.length; j++) if (problem.isBlocked(room[i], room[j])) blocks++;
  return blocks;
}

function countRepeats(problem: Problem, groups: number[][]): number {
  let repeats = 0;
  for (const room of groups)
    for (let i = 0; i < room.length; i++)
      for (let j = i + 1; j < room.length; j++) if (problem.hasMet(room[i], room[j])) repeats++;
  return repeats;
}

/** All r-element index sets of 0..n-1, in lexicographic order. */
function* combinations(n: number, r: number): Generator<number[]> {
  const pick = Array.from({ length: r }, (_, i) => i);
  while (true) {
    yield pick.slice();
    let i = r - 1;
    while (i >= 0 && pick[i] === n - r + i) i--;
    if (i < 0) return;
    pick[i]++;
    for (let j = i + 1; j < r; j++) pick[j] = pick[j - 1] + 1;
  }
}
