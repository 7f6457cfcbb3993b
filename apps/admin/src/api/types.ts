/**
 * Names for the API's shapes, every one taken from the generated schema (schema.d.ts, from the API's
 * OpenAPI document), so a change on the server is a type error here rather than a surprise at runtime.
 */
import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['UserResponse'];
export type Group = Schemas['GroupResponse'];
export type Member = Schemas['MemberResponse'];
export type OutboxMessage = Schemas['OutboxSummaryResponse'];
export type MailboxMessage = Schemas['DevMailboxMessageResponse'];
/** An event as the API shows it to this caller: venue and join link are null when hidden. */
export type HearthEvent = Schemas['EventResponse'];
export type Series = Schemas['SeriesResponse'];
export type Question = Schemas['QuestionDto'];
export type Accessibility = Schemas['AccessibilityDto'];
export type Author = Schemas['AuthorResponse'];
export type Topic = Schemas['TopicResponse'];
export type Post = Schemas['PostResponse'];
export type Report = Schemas['ReportResponse'];
/** An RSVP row as organizers see it. */
export type Attendee = Schemas['AttendeeResponse'];
export type AttendeeList = Schemas['AttendeeListResponse'];
/** One inbound e-mail as the log keeps it: never its body, only what was decided and why. */
export type InboundMessage = Schemas['InboundMessageResponse'];
/** What a verified calendar reply said beyond its answer: a comment, a delegation, a new time proposed. */
export type InboundNote = Schemas['InboundNoteResponse'];
/** What applying a logged answer would change (the server works it out and rolls it back). */
export type ApplyPreview = Schemas['ApplyPreviewResponse'];
export type DevReplyResult = Schemas['DevReplyResponse'];
export type OrganizerActionResult = Schemas['OrganizerActionResponse'];
export type OrganizerAnswerResult = Schemas['OrganizerAnswerResponse'];
/** A fan-out job: the mail one change sends to many people, rendered and queued in the background. */
export type FanoutJob = Schemas['FanoutJobResponse'];
/** One person's invitation to an event, with its state (organizers only). */
export type Invitation = Schemas['InvitationResponse'];
export type InvitationList = Schemas['InvitationListResponse'];
export type InvitationState = Invitation['state'];
export type RevokeInvitationResult = Schemas['RevokeInvitationResponse'];
/** A group's membership invitation nobody accepted yet. */
export type PendingGroupInvite = Schemas['PendingGroupInviteResponse'];

export type AudienceInput = Schemas['AudienceDto'];
export type AudiencePreview = Schemas['AudiencePreviewResponse'];
export type AudienceOutcome = Schemas['AudienceOutcomeResponse'];
export type GroupRole = Member['role'];
export type MembershipStatus = Member['status'];
export type GroupVisibility = Group['visibility'];
export type OutboxStatus = OutboxMessage['status'];
export type EventKind = HearthEvent['kind'];
export type EventStatus = HearthEvent['status'];
export type LocationVisibility = NonNullable<HearthEvent['locationVisibility']>;
export type AttendeeVisibility = NonNullable<HearthEvent['attendeeVisibility']>;
export type RsvpStatus = Attendee['status'];
export type RsvpSource = Attendee['source'];
export type TopicStatus = Topic['status'];
export type ReportStatus = Report['status'];
export type InboundOutcome = InboundMessage['outcome'];
export type ReplyPartstat = Schemas['DevReplyDto']['partstat'];
export type OrganizerAction =
  paths['/api/events/{id}/rsvps/{userId}/{action}']['post']['parameters']['path']['action'];
export type Locale = NonNullable<Schemas['MagicLinkRequestDto']['locale']>;

export type GroupInput = Required<
  Pick<
    Schemas['CreateGroupDto'],
    'name' | 'description' | 'timezone' | 'city' | 'visibility' | 'codeOfConduct'
  >
>;
type EventField =
  | 'kind'
  | 'title'
  | 'description'
  | 'startsAt'
  | 'endsAt'
  | 'timezone'
  | 'venueName'
  | 'venueAddress'
  | 'city'
  | 'latitude'
  | 'longitude'
  | 'language'
  | 'joinUrl'
  | 'accessibility'
  | 'locationVisibility'
  | 'attendeeVisibility'
  | 'capacity'
  | 'onlineCapacity'
  | 'waitlistEnabled'
  | 'guestsAllowed'
  | 'approvalRequired'
  | 'cocRequired'
  | 'tags';
/**
 * What the admin's event form sets (the API takes more: questions, RSVP window, drafts); times are
 * ISO-8601 with the offset of `timezone` at that moment.
 */
export type EventInput = Required<Pick<Schemas['CreateEventDto'], EventField>> &
  Pick<Schemas['UpdateEventDto'], 'confirmLongEvent' | 'confirmPast'>;
export type EventChanges = Partial<EventInput> & Pick<Schemas['UpdateEventDto'], 'scope'>;
/** The answer to an edit: the event, or with scope "following" (series) the events changed. */
export type EventUpdate = HearthEvent | Schemas['EventListResponse'];
export const isEvent = (update: EventUpdate): update is HearthEvent => 'id' in update;
/** A full RSVP row (organizers); other callers get names only. */
export const isAttendeeRow = (row: AttendeeList['items'][number]): row is Attendee => 'userId' in row;
export type ProfileChanges = Schemas['UpdateProfileDto'];

export const GROUP_ROLES: readonly GroupRole[] = ['owner', 'organizer', 'moderator', 'member'];
export const INVITE_ROLES: readonly Exclude<GroupRole, 'owner'>[] = ['member', 'moderator', 'organizer'];
export const GROUP_VISIBILITIES: readonly GroupVisibility[] = ['public', 'unlisted', 'private'];
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'sending', 'retrying', 'sent', 'failed'];
export const EVENT_KINDS: readonly EventKind[] = [
  'online_discussion',
  'in_person',
  'virtual_networking',
  'hybrid',
];
export const LOCATION_VISIBILITIES: readonly LocationVisibility[] = ['attendees', 'members', 'public'];
export const ATTENDEE_VISIBILITIES: readonly AttendeeVisibility[] = ['organizers', 'count', 'names'];
export const RSVP_STATUSES: readonly RsvpStatus[] = [
  'going',
  'waitlisted',
  'pending_approval',
  'maybe',
  'declined',
];
export const INVITATION_STATES: readonly InvitationState[] = [
  'invited',
  'answered',
  'bounced',
  'opted_out',
  'revoked',
];
export const RSVP_SOURCES: readonly RsvpSource[] = ['web', 'link', 'calendar', 'organizer'];
export const INBOUND_OUTCOMES: readonly InboundOutcome[] = [
  'applied',
  'quarantined',
  'proposal',
  'ignored',
  'rejected',
  'dropped',
];
export const ACCESSIBILITY_FLAGS = [
  'stepFreeAccess',
  'accessibleToilet',
  'allGenderToilet',
  'quietRoom',
  'seating',
  'signLanguageOnRequest',
  'captionsOnRequest',
] as const satisfies readonly (keyof Accessibility)[];
export type AccessibilityFlag = (typeof ACCESSIBILITY_FLAGS)[number];
