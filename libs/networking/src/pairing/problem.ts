/**
 * The pairing problem in index form: people are 0..n-1, constraints are adjacency sets, so the hot
 * loops compare small integers instead of id strings.
 */
export interface PairingPerson {
  id: string;
  interests?: readonly string[];
}

export interface PairingInput {
  /** Everyone present for this round (order does not matter). */
  people: readonly PairingPerson[];
  /** Pairs who already met in earlier rounds of this event (unordered). */
  pastPairs: ReadonlyArray<readonly [string, string]>;
  /** Pairs who must never share a room (unordered; either side's block counts). */
  blocks: ReadonlyArray<readonly [string, string]>;
  /** Target room size, 2–4. */
  groupSize: number;
  useInterests: boolean;
  seed: number | string;
}

export interface PairingResult {
  /** Rooms, each with at least two people; sizes differ by at most one. */
  groups: string[][];
  /** People left out this round because blocks left no room for them (as few as the search found). */
  waiting: string[];
  /** Pairs in `groups` that had met before (0 whenever the search found a repeat-free assignment). */
  repeatedPairs: number;
}

/** Costs: a block is never accepted, a repeat outweighs any interest bonus a room can add up. */
export const BLOCK_COST = 1_000_000_000;
export const REPEAT_COST = 1_000;
const MAX_INTEREST_BONUS = 3;

export class Problem {
  readonly n: number;
  readonly ids: string[];
  /** Unordered pairs as one number each (low * n + high): one Set instead of one per person. */
  private readonly blocked = new Set<number>();
  private readonly met = new Set<number>();
  private readonly degrees: Int32Array;
  /** Interests as bit sets, one 32-bit word per 32 distinct tags. */
  private readonly interests: Uint32Array[] | null;

  constructor(ids: string[], input: PairingInput, interestsById: Map<string, readonly string[]>) {
    this.ids = ids;
    this.n = ids.length;
    this.degrees = new Int32Array(this.n);
    const index = new Map(ids.map((id, i) => [id, i]));
    const link = (set: Set<number>, weight: number, a: string, b: string): void => {
      const i = index.get(a);
      const j = index.get(b);
      if (i === undefined || j === undefined || i === j) return;
      const k = this.key(i, j);
      if (set.has(k)) return;
      set.add(k);
      this.degrees[i] += weight;
      this.degrees[j] += weight;
    };
    for (const [a, b] of input.blocks) link(this.blocked, 16, a, b);
    for (const [a, b] of input.pastPairs) link(this.met, 1, a, b);
    this.interests = input.useInterests ? internInterests(ids, interestsById) : null;
  }

  private key(a: number, b: number): number {
    return a < b ? a * this.n + b : b * this.n + a;
  }

  get usesInterests(): boolean {
    return this.interests !== null;
  }

  isBlocked(a: number, b: number): boolean {
    return this.blocked.has(this.key(a, b));
  }

  hasMet(a: number, b: number): boolean {
    return this.met.has(this.key(a, b));
  }

  /** How hard a person is to place: blocks weigh more than past meetings. */
  degree(a: number): number {
    return this.degrees[a];
  }

  pairCost(a: number, b: number): number {
    const k = this.key(a, b);
    if (this.blocked.has(k)) return BLOCK_COST;
    if (this.met.has(k)) return REPEAT_COST;
    return this.interests
      ? -Math.min(MAX_INTEREST_BONUS, sharedCount(this.interests[a], this.interests[b]))
      : 0;
  }

  /** Cost of adding `p` to a room holding `members` (p itself is skipped). */
  costWith(p: number, members: readonly number[]): number {
    let cost = 0;
    for (const m of members) if (m !== p) cost += this.pairCost(p, m);
    return cost;
  }

  groupCost(members: readonly number[]): number {
    let cost = 0;
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) cost += this.pairCost(members[i], members[j]);
    return cost;
  }
}

function internInterests(ids: string[], interestsById: Map<string, readonly string[]>): Uint32Array[] {
  const codes = new Map<string, number>();
  for (const id of ids)
    for (const tag of interestsById.get(id) ?? []) if (!codes.has(tag)) codes.set(tag, codes.size);
  const words = Math.max(1, Math.ceil(codes.size / 32));
  return ids.map((id) => {
    const bits = new Uint32Array(words);
    for (const tag of interestsById.get(id) ?? []) {
      const code = codes.get(tag) as number;
      bits[code >>> 5] |= 1 << (code & 31);
    }
    return bits;
  });
}

function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let count = 0;
  for (let w = 0; w < a.length; w++) {
    let x = a[w] & b[w];
    while (x !== 0) {
      x &= x - 1;
      count++;
    }
  }
  return count;
}

/**
 * Room sizes for n people and a target size k: about n/k rooms (at least one, each of two or more),
 * sizes differing by at most one, larger rooms first. A lone leftover joins a room instead of waiting.
 */
export function roomSizes(n: number, groupSize: number): number[] {
  if (n < 2) return [];
  const rooms = Math.max(1, Math.min(Math.floor(n / 2), Math.round(n / groupSize)));
  const base = Math.floor(n / rooms);
  const larger = n % rooms;
  return Array.from({ length: rooms }, (_, i) => (i < larger ? base + 1 : base));
}
