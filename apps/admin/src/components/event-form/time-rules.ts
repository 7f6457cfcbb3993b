// The API's own rules (`@app/scheduling`, which imports nothing), so the form cannot drift from them.
export {
  MAX_EVENT_DURATION_MS,
  editedEventTimeProblems,
  newEventTimeProblems,
  type EventTimeProblem,
} from '@app/scheduling';
