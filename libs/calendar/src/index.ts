// Pure iCalendar / iTIP values: build ICS (and its DESCRIPTION labels), parse and classify a REPLY, the
// reply tokens of ORGANIZER addresses. No e-mail templates, no sending.
export { eventLabels, type EventLabels } from './event-labels';
export type { CalendarAttendee, CalendarEventData, CalendarPerson, SeriesInfo } from './ics/calendar-event';
export {
  buildFeedIcs,
  buildFeedIcsChunks,
  type FeedEntry,
  type FeedIcsInput,
  type PersonalFeedEntry,
  publicFeedFrame,
  publicFeedVevent,
  type PublicFeedVevent,
} from './ics/feed-ics';
export { httpUrl } from './ics/ics-values';
export {
  buildInvitationIcs,
  type CalendarMimePart,
  invitationCalendarPart,
  type InvitationCancelInput,
  type InvitationIcsInput,
  type InvitationRequestInput,
} from './ics/invitation-ics';
export {
  EVENT_STATUSES,
  type EventStatus,
  ITIP_METHOD,
  type ItipMethod,
  type Partstat,
  partstatForRsvp,
  type RsvpStatusForCalendar,
} from './ics/itip';
export { isEmailAddress } from './reply/cal-address';
export { classifyReply } from './reply/classify-reply';
export { parseReplyCalendar, type ParseReplyOptions } from './reply/parse-reply';
export { extractReplyToken, invitationIdFromToken, replyAddress } from './reply/reply-token';
export {
  type ParsedReply,
  type ParseReplyResult,
  type ProposalIntent,
  type ProposedTime,
  type RefusedIntent,
  REPLY_REFUSAL_REASONS,
  type ReplyAttendee,
  type ReplyDateTime,
  type ReplyIntent,
  type ReplyRefusalReason,
  type RsvpIntent,
  type RsvpPartstat,
} from './reply/reply.types';
