import type { Problem } from './problem';

export interface Assignment {
  groups: number[][];
  cost: number;
}

/**
 * Exhaustive branch-and-bound over every way to seat `people` in rooms of `sizes` (small n only).
 * Never seats a blocked pair. `firstOnly` stops at the first block-free seating (a feasibility
 * check); otherwise the fewest repeats win, then the most shared interests.
 */
export function exactSearch(
  problem: Problem,
  people: readonly number[],
  sizes: readonly number[],
  firstOnly: boolean,
): Assignment | null {
  const groups: number[][] = sizes.map(() => []);
  let best: Assignment | null = null;
  let bestRepeats = Infinity;

  const visit = (i: number, cost: number, repeats: number): boolean => {
    if (i === people.length) {
      if (best === null || cost < best.cost) {
        best = { groups: groups.map((g) => g.slice()), cost };
        bestRepeats = repeats;
      }
      // Without interests nothing beats a repeat-free seating; with them, keep looking for more sharing.
      return firstOnly || (repeats === 0 && !problem.usesInterests);
    }
    const p = people[i];
    for (let g = 0; g < groups.length; g++) {
      const room = groups[g];
      if (room.length >= sizes[g]) continue;
      // Empty rooms of the same size are interchangeable: try only the first of them.
      if (room.length === 0 && emptyTwinBefore(groups, sizes, g)) continue;
      if (room.some((m) => problem.isBlocked(p, m))) continue;
      const add = problem.costWith(p, room);
      let nextRepeats = repeats;
      for (const m of room) if (problem.hasMet(p, m)) nextRepeats++;
      if (nextRepeats > bestRepeats) continue;
      room.push(p);
      const done = visit(i + 1, cost + add, nextRepeats);
      room.pop();
      if (done) return true;
    }
    return false;
  };

  visit(0, 0, 0);
  return best;
}

function emptyTwinBefore(groups: number[][], sizes: readonly number[], g: number): boolean {
  for (let h = 0; h < g; h++) if (groups[h].length === 0 && sizes[h] === sizes[g]) return true;
  return false;
}
