import { LocalDateTime, describeLocalTimeProblem, resolveLocalTime } from '@app/core';
import { EventTimeProblem } from '@app/scheduling';
import { eventsError } from '../events.errors';

/** A start or end as the API takes it: an instant (ISO with an offset), or a wall time in the event's zone. */
export type EventTimeInput = Date | LocalDateTime;

/**
 * The instant a wall time names in the event's zone. One that does not exist (clocks go forward) or
 * exists twice (clocks go back) is refused naming the zone and the jump; an overlap is accepted only
 * with an offset, which picks one of the two.
 */
export function readEventTime(value: EventTimeInput, zone: string, field: string): Date {
  if (value instanceof Date) return value;
  const resolved = resolveLocalTime(value, zone);
  if (resolved.kind === 'exact') return resolved.instant;
  const message = describeLocalTimeProblem(resolved);
  const details =
    resolved.kind === 'gap'
      ? { from: resolved.from, to: resolved.to }
      : { offsets: resolved.offsets.map((o) => o) };
  throw eventsError(resolved.kind === 'gap' ? 'EVENT_TIME_NONEXISTENT' : 'EVENT_TIME_AMBIGUOUS', message, {
    fields: [{ field, problems: [message] }],
    zone,
    ...details,
  });
}

/** Refuses with the first problem's code; `details.fields` names every field that has one. */
export function assertNoTimeProblems(problems: EventTimeProblem[], fieldPrefix = ''): void {
  const [first] = problems;
  if (!first) return;
  throw eventsError(first.code, problems.map((p) => `${fieldPrefix}${p.field}: ${p.message}`).join('; '), {
    fields: problems.map((p) => ({ field: `${fieldPrefix}${p.field}`, problems: [p.message], code: p.code })),
  });
}
