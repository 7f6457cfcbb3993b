// Pure iCalendar / iTIP values: build ICS, parse and classify a REPLY, reply tokens. No mail, no copy.
export { EVENT_LABELS, type EventLabels } from './event-labels';
export type { CalendarAttendee, CalendarEventData, CalendarPerson, SeriesInfo } from './ics/calendar-event';
export { buildFeedIcs, type FeedEntry, type FeedIcsInput, type PersonalFeedEntry } from './ics/feed-ics';
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
  PARTSTATS,
  partstatForRsvp,
  type RsvpStatusForCalendar,
} from './ics/itip';
export { isEmailAddress, normalizeCalAddress } from './reply/cal-address';
export { classifyReply } from './reply/classify-reply';
export {
  MAX_REPLY_COMMENT_LENGTH,
  MAX_REPLY_ICS_LENGTH,
  parseReplyCalendar,
  type ParseReplyOptions,
} from './reply/parse-reply';
export {
  extractReplyToken,
  invitationIdFromToken,
  replyAddress,
  replyToken,
  REPLY_TOKEN_MAX_LENGTH,
  REPLY_TOKEN_MIN_LENGTH,
} from './reply/reply-token';
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
  RSVP_PARTSTATS,
  type RsvpIntent,
  type RsvpPartstat,
} from './reply/reply.types';
