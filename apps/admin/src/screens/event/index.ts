/** The event screen: details (summary, edit, cancel) and RSVPs. */
export { EventScreen, type EventSection } from './event-screen';
export { EVENT_STATUS_TONE, RSVP_TONE } from './tones';
