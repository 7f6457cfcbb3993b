export {
  EVENT_TIME_PROBLEM_CODES,
  MAX_EVENT_DURATION_MS,
  editedEventTimeProblems,
  newEventTimeProblems,
} from './event-time-rules';
export type {
  EventTimeConfirmations,
  EventTimeProblem,
  EventTimeProblemCode,
  EventTimes,
} from './event-time-rules';
