import { nextRoundStart, phaseAt, planFits, planMinutes, schedule } from './round-plan';
import { newRoomName, roomUrl } from './room-links';

const plan = { rounds: 3, roundMinutes: 10, breakMinutes: 2 };
const t0 = new Date('2027-03-01T18:00:00Z');
const at = (min: number): Date => new Date(t0.getTime() + min * 60_000);

describe('round plan', () => {
  it('counts the breaks between rounds but not after the last', () => {
    expect(planMinutes(plan)).toBe(34);
    expect(planFits(plan, t0, at(34))).toBe(true);
    expect(planFits(plan, t0, at(33))).toBe(false);
    expect(schedule(plan, t0).map((r) => r.startsAt)).toEqual([at(0), at(12), at(24)]);
  });

  it('moves from round to break to the next round, and ends after the last round', () => {
    const running = {
      status: 'running' as const,
      currentRound: 1,
      roundStartedAt: t0,
      pausedElapsedMs: null,
    };
    expect(phaseAt(plan, running, at(5))).toEqual({
      phase: 'round',
      round: 1,
      nextChangeAt: at(10),
      due: false,
    });
    expect(phaseAt(plan, running, at(11))).toEqual({
      phase: 'break',
      round: 1,
      nextChangeAt: at(12),
      due: false,
    });
    expect(phaseAt(plan, running, at(12)).due).toBe(true);
    expect(nextRoundStart(plan, running, at(12))).toEqual(at(12));
    expect(nextRoundStart(plan, running, at(40))).toEqual(at(40));
    const last = { ...running, currentRound: 3 };
    expect(phaseAt(plan, last, at(10))).toMatchObject({ phase: 'ended', due: true });
  });

  it('builds unguessable room names and links from the template', () => {
    const names = new Set(Array.from({ length: 1000 }, () => newRoomName()));
    expect(names.size).toBe(1000);
    for (const n of names) expect(n).toMatch(/^hearth-[A-Za-z0-9_-]{24}$/);
    expect(roomUrl('https://meet.jit.si/', 'hearth-x')).toBe('https://meet.jit.si/hearth-x');
    expect(roomUrl('https://bbb.example.org/rooms/{room}/join', 'hearth-x')).toBe(
      'https://bbb.example.org/rooms/hearth-x/join',
    );
  });
});
