/**
 * When an event may happen, as pure functions of instants and "now". The API enforces them
 * (EventsService) and the admin form imports them through `@app/scheduling` to show the problems beside
 * the fields before anything is sent, so this lib must stay free of imports (it is bundled in a browser).
 */

/** Longer than this only when the organizer says so (`confirmLongEvent`): a typo in a date is likelier. */
export const MAX_EVENT_DURATION_MS = 14 * 24 * 3600_000;

export const EVENT_TIME_PROBLEM_CODES = [
  'EVENT_STARTS_IN_PAST',
  'EVENT_ENDS_BEFORE_START',
  'EVENT_TOO_LONG',
  'EVENT_MOVED_TO_PAST',
] as const;
export type EventTimeProblemCode = (typeof EVENT_TIME_PROBLEM_CODES)[number];

export interface EventTimeProblem {
  code: EventTimeProblemCode;
  field: 'startsAt' | 'endsAt';
  /** English, for the API's answer; the admin form words it from `code`. */
  message: string;
}

export interface EventTimes {
  startsAt: Date;
  endsAt: Date;
}

export interface EventTimeConfirmations {
  /** The organizer confirmed a duration over MAX_EVENT_DURATION_MS. */
  confirmLongEvent?: boolean;
  /** The organizer confirmed moving an event that people were invited to into the past. */
  confirmPast?: boolean;
}

function shapeProblems(t: EventTimes, confirm: EventTimeConfirmations): EventTimeProblem[] {
  const length = t.endsAt.getTime() - t.startsAt.getTime();
  if (length <= 0)
    return [{ code: 'EVENT_ENDS_BEFORE_START', field: 'endsAt', message: 'endsAt must be after startsAt' }];
  if (length > MAX_EVENT_DURATION_MS && confirm.confirmLongEvent !== true)
    return [
      {
        code: 'EVENT_TOO_LONG',
        field: 'endsAt',
        message: 'an event lasts at most 14 days unless confirmLongEvent is true',
      },
    ];
  return [];
}

/** A new event (created, scheduled from a topic, or a recurrence occurrence): in the future, sane length. */
export function newEventTimeProblems(
  t: EventTimes,
  now: Date,
  confirm: EventTimeConfirmations = {},
): EventTimeProblem[] {
  const problems: EventTimeProblem[] = [];
  if (t.startsAt.getTime() <= now.getTime())
    problems.push({
      code: 'EVENT_STARTS_IN_PAST',
      field: 'startsAt',
      message: 'startsAt must be in the future',
    });
  return [...problems, ...shapeProblems(t, confirm)];
}

/**
 * An edit. Times left as they were are never judged again (an event that already happened can still
 * get a corrected title). A start moved into the past is refused outright when nobody was invited
 * yet (it is as good as a new event), and needs `confirmPast` once invitations went out, since every
 * calendar will be told. Publishing a draft is judged like a new event: that is when invitations go.
 */
export function editedEventTimeProblems(
  before: EventTimes,
  after: EventTimes,
  now: Date,
  context: EventTimeConfirmations & { invited: boolean; publishing: boolean },
): EventTimeProblem[] {
  const startMoved = before.startsAt.getTime() !== after.startsAt.getTime();
  const endMoved = before.endsAt.getTime() !== after.endsAt.getTime();
  if (context.publishing) return newEventTimeProblems(after, now, context);
  if (!startMoved && !endMoved) return [];
  const problems: EventTimeProblem[] = [];
  if (startMoved && after.startsAt.getTime() <= now.getTime()) {
    if (!context.invited)
      problems.push({
        code: 'EVENT_STARTS_IN_PAST',
        field: 'startsAt',
        message: 'startsAt must be in the future',
      });
    else if (context.confirmPast !== true)
      problems.push({
        code: 'EVENT_MOVED_TO_PAST',
        field: 'startsAt',
        message: 'people were invited: moving the event into the past needs confirmPast to be true',
      });
  }
  return [...problems, ...shapeProblems(after, context)];
}
