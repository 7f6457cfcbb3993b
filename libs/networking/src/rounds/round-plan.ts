/** The organizer's plan for an event's networking rounds. */
export interface RoundPlan {
  rounds: number;
  roundMinutes: number;
  breakMinutes: number;
}

export type RoundStatus = 'idle' | 'running' | 'paused' | 'ended';

/** Where the rounds stand, as stored. `roundStartedAt` is when the current round began. */
export interface RoundState {
  status: RoundStatus;
  currentRound: number;
  roundStartedAt: Date | null;
  pausedElapsedMs: number | null;
}

export type Phase = 'not_started' | 'round' | 'break' | 'paused' | 'ended';

export interface PhaseView {
  phase: Phase;
  /** The round under way (or just finished, in a break); 0 before the first. */
  round: number;
  /** When the round or break ends (null when nothing is scheduled). */
  nextChangeAt: Date | null;
  /** The next round (or the end) is due and the state must be advanced. */
  due: boolean;
}

const MINUTE = 60_000;

/** Minutes from the first round's start to the last one's end (no break after the last). */
export function planMinutes(plan: RoundPlan): number {
  return plan.rounds * plan.roundMinutes + (plan.rounds - 1) * plan.breakMinutes;
}

/** Whether the plan fits between the event's start and end. */
export function planFits(plan: RoundPlan, startsAt: Date, endsAt: Date): boolean {
  return planMinutes(plan) * MINUTE <= endsAt.getTime() - startsAt.getTime();
}

/** The scheduled start of each round if the rounds begin at `start` and nobody pauses or skips. */
export function schedule(
  plan: RoundPlan,
  start: Date,
): Array<{ round: number; startsAt: Date; endsAt: Date }> {
  return Array.from({ length: plan.rounds }, (_, i) => {
    const startsAt = new Date(start.getTime() + i * (plan.roundMinutes + plan.breakMinutes) * MINUTE);
    return { round: i + 1, startsAt, endsAt: new Date(startsAt.getTime() + plan.roundMinutes * MINUTE) };
  });
}

/** What is happening at `now`. Pure: the caller passes the clock's time. */
export function phaseAt(plan: RoundPlan, state: RoundState, now: Date): PhaseView {
  const round = state.currentRound;
  if (state.status === 'idle') return { phase: 'not_started', round: 0, nextChangeAt: null, due: false };
  if (state.status === 'ended') return { phase: 'ended', round, nextChangeAt: null, due: false };
  if (state.status === 'paused') return { phase: 'paused', round, nextChangeAt: null, due: false };
  const start = (state.roundStartedAt as Date).getTime();
  const roundEnd = start + plan.roundMinutes * MINUTE;
  if (now.getTime() < roundEnd)
    return { phase: 'round', round, nextChangeAt: new Date(roundEnd), due: false };
  if (round >= plan.rounds) return { phase: 'ended', round, nextChangeAt: null, due: true };
  const breakEnd = roundEnd + plan.breakMinutes * MINUTE;
  if (now.getTime() < breakEnd)
    return { phase: 'break', round, nextChangeAt: new Date(breakEnd), due: false };
  return { phase: 'break', round, nextChangeAt: new Date(breakEnd), due: true };
}

/**
 * When the next round starts once it is due: on schedule (right after the break) if that still
 * leaves the whole round, else now (nobody looked for a while: no round is played to an empty room).
 */
export function nextRoundStart(plan: RoundPlan, state: RoundState, now: Date): Date {
  const scheduled =
    (state.roundStartedAt as Date).getTime() + (plan.roundMinutes + plan.breakMinutes) * MINUTE;
  return now.getTime() < scheduled + plan.roundMinutes * MINUTE ? new Date(scheduled) : now;
}
