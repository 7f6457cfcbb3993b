/** The event form: a draft as the organizer types it, its checks, its fields, and the API body it becomes. */
export {
  draftFromEvent,
  draftToInput,
  emptyDraft,
  hasVenue,
  type EditContext,
  type EventDraft,
} from './draft';
export { EventFields } from './event-fields';
export { hasTimeProblems } from './time-problems';
