// The API's own rules, imported as they are (the file has no imports), so the form cannot drift from them.
export {
  MAX_EVENT_DURATION_MS,
  editedEventTimeProblems,
  newEventTimeProblems,
  type EventTimeProblem,
} from '../../../../../libs/events/src/events/event-time-rules';
