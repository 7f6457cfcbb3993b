import type { Assignment } from './exact';
import type { Problem } from './problem';
import type { Rng } from './prng';

/** How many rooms one placement or swap looks at: all of them for small events, a window for large. */
const WINDOW = 64;
const MAX_PASSES = 30;

/**
 * Greedy seating, hardest-to-place first, each person into the cheapest open room within a window;
 * then local repair by moves and swaps that strictly lower the cost (blocks, then repeats, then
 * interests). Fast for a thousand people; not guaranteed optimal.
 */
export function heuristicSearch(
  problem: Problem,
  people: readonly number[],
  sizes: readonly number[],
  rng: Rng,
): Assignment {
  const groups = greedy(problem, people, sizes, rng);
  repair(problem, groups, rng);
  let cost = 0;
  for (const g of groups) cost += problem.groupCost(g);
  return { groups, cost };
}

function greedy(problem: Problem, people: readonly number[], sizes: readonly number[], rng: Rng): number[][] {
  const rank = new Map(people.map((p, i) => [p, i]));
  const order = people
    .slice()
    .sort((a, b) => problem.degree(b) - problem.degree(a) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  const groups: number[][] = sizes.map(() => []);
  const open = groups.map((_, g) => g);
  for (const p of order) {
    const window = Math.min(WINDOW, open.length);
    const start = rng.int(open.length);
    let bestSlot = -1;
    let bestCost = Infinity;
    for (let k = 0; k < window; k++) {
      const slot = (start + k) % open.length;
      const cost = problem.costWith(p, groups[open[slot]]);
      if (cost < bestCost) {
        bestCost = cost;
        bestSlot = slot;
      }
    }
    const g = open[bestSlot];
    groups[g].push(p);
    if (groups[g].length === sizes[g]) {
      open[bestSlot] = open[open.length - 1];
      open.pop();
    }
  }
  return groups;
}

function repair(problem: Problem, groups: number[][], rng: Rng): void {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    for (let a = 0; a < groups.length; a++) {
      for (let i = 0; i < groups[a].length; i++) {
        const p = groups[a][i];
        if (!hasConflict(problem, p, groups[a])) continue;
        if (improveOne(problem, groups, a, i, rng)) improved = true;
      }
    }
    if (!improved) return;
  }
}

function hasConflict(problem: Problem, p: number, room: readonly number[]): boolean {
  for (const m of room) if (m !== p && (problem.isBlocked(p, m) || problem.hasMet(p, m))) return true;
  return false;
}

/** Tries the best swap (or move to a smaller room) for the person at groups[a][i]; true if applied. */
function improveOne(problem: Problem, groups: number[][], a: number, i: number, rng: Rng): boolean {
  const p = groups[a][i];
  const roomA = groups[a];
  const here = problem.costWith(p, roomA);
  const window = Math.min(WINDOW, groups.length);
  const start = rng.int(groups.length);
  let best = { delta: 0, b: -1, j: -1 };
  for (let k = 0; k < window; k++) {
    const b = (start + k) % groups.length;
    if (b === a) continue;
    const roomB = groups[b];
    if (roomB.length + 1 === roomA.length) {
      const delta = problem.costWith(p, roomB) - here;
      if (delta < best.delta) best = { delta, b, j: -1 };
    }
    for (let j = 0; j < roomB.length; j++) {
      const q = roomB[j];
      const delta =
        costWithout(problem, q, roomA, p) +
        costWithout(problem, p, roomB, q) -
        here -
        problem.costWith(q, roomB);
      if (delta < best.delta) best = { delta, b, j };
    }
  }
  if (best.b < 0) return false;
  const roomB = groups[best.b];
  if (best.j < 0) {
    roomA.splice(i, 1);
    roomB.push(p);
  } else {
    roomA[i] = roomB[best.j];
    roomB[best.j] = p;
  }
  return true;
}

/** Cost of `p` joining `room` with `leaving` taken out. */
function costWithout(problem: Problem, p: number, room: readonly number[], leaving: number): number {
  let cost = 0;
  for (const m of room) if (m !== leaving && m !== p) cost += problem.pairCost(p, m);
  return cost;
}
