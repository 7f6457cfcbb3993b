/**
 * The admin app's only way out: same-origin fetch to the Hearth HTTP API, with the session cookie.
 * Every failure becomes an ApiError carrying the API's { statusCode, code, message, details }.
 */

export type Locale = 'en' | 'ar';
export type GroupRole = 'owner' | 'organizer' | 'moderator' | 'member';
export type MembershipStatus = 'active' | 'pending' | 'banned';
export type GroupVisibility = 'public' | 'unlisted' | 'private';
export type OutboxStatus = 'queued' | 'sending' | 'retrying' | 'sent' | 'failed';

export const GROUP_ROLES: readonly GroupRole[] = ['owner', 'organizer', 'moderator', 'member'];
export const INVITE_ROLES: readonly Exclude<GroupRole, 'owner'>[] = ['member', 'moderator', 'organizer'];
export const GROUP_VISIBILITIES: readonly GroupVisibility[] = ['public', 'unlisted', 'private'];
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'sending', 'retrying', 'sent', 'failed'];

export interface User {
  id: string;
  email: string;
  displayName: string;
  pronouns: string | null;
  locale: string;
  timezone: string;
  instanceRole: 'owner' | 'member';
}

export interface Group {
  id: string;
  slug: string;
  name: string;
  description: string;
  timezone: string;
  city: string | null;
  visibility: GroupVisibility;
  codeOfConduct: string;
  membership: { role: GroupRole; status: MembershipStatus } | null;
  permissions: { edit: boolean; manageMembers: boolean; moderate: boolean };
}

export interface GroupInput {
  name: string;
  description: string;
  timezone: string;
  city: string | null;
  visibility: GroupVisibility;
  codeOfConduct: string;
}

export interface Member {
  userId: string;
  displayName: string;
  pronouns: string | null;
  role: GroupRole;
  status: MembershipStatus;
  joinedAt: string;
}

export interface OutboxMessage {
  id: string;
  purpose: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

export interface MailboxMessage {
  id: string;
  messageId: string;
  to: string;
  subject: string;
  /** The outbox purpose: event_invitation, event_update, magic_link… */
  kind: string | null;
  eventId: string | null;
  createdAt: string;
}

export type EventKind = 'online_discussion' | 'in_person' | 'virtual_networking' | 'hybrid';
export type EventStatus = 'draft' | 'scheduled' | 'cancelled';
export type LocationVisibility = 'public' | 'members' | 'attendees';
export type AttendeeVisibility = 'organizers' | 'count' | 'names';
export type RsvpStatus = 'going' | 'maybe' | 'declined' | 'waitlisted' | 'pending_approval';
export type TopicStatus = 'open' | 'locked' | 'hidden';
export type ReportStatus = 'open' | 'resolved' | 'dismissed';

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

export const ACCESSIBILITY_FLAGS = [
  'stepFreeAccess',
  'accessibleToilet',
  'allGenderToilet',
  'quietRoom',
  'seating',
  'signLanguageOnRequest',
  'captionsOnRequest',
] as const;
export type AccessibilityFlag = (typeof ACCESSIBILITY_FLAGS)[number];
export type Accessibility = Partial<Record<AccessibilityFlag, boolean>> & { notes?: string };

export interface Question {
  id: string;
  label: string;
  required: boolean;
}

/** An event as the API shows it to this caller: venue and join link are null when hidden. */
export interface HearthEvent {
  id: string;
  group: { slug: string; name: string };
  seriesId: string | null;
  topicId: string | null;
  kind: EventKind;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: EventStatus;
  venueName: string | null;
  venueAddress: string | null;
  joinUrl: string | null;
  locationHidden: boolean;
  accessibility: Accessibility;
  capacity: number | null;
  onlineCapacity: number | null;
  waitlistEnabled: boolean;
  guestsAllowed: number;
  approvalRequired: boolean;
  rsvpOpensAt: string | null;
  rsvpClosesAt: string | null;
  questions: Question[];
  cocRequired: boolean;
  tags: string[];
  sequence: number;
  myRsvp: RsvpStatus | null;
  permissions: { edit: boolean; seeAttendees: boolean };
  locationVisibility?: LocationVisibility;
  attendeeVisibility?: AttendeeVisibility;
}

/** What an organizer sets; times are ISO-8601 with the offset of `timezone` at that moment. */
export interface EventInput {
  kind: EventKind;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  venueName: string | null;
  venueAddress: string | null;
  joinUrl: string | null;
  accessibility: Accessibility;
  locationVisibility: LocationVisibility;
  attendeeVisibility: AttendeeVisibility;
  capacity: number | null;
  onlineCapacity: number | null;
  waitlistEnabled: boolean;
  guestsAllowed: number;
  approvalRequired: boolean;
  cocRequired: boolean;
  tags: string[];
  /** Needed for an event longer than 14 days. */
  confirmLongEvent?: boolean;
  /** Needed to move an event people were invited to into the past. */
  confirmPast?: boolean;
}

export interface Series {
  id: string;
  title: string;
  description: string;
  topicId: string | null;
  recurrenceRule: string | null;
  events: HearthEvent[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Author {
  id: string;
  displayName: string;
  pronouns: string | null;
}

export interface Topic {
  id: string;
  groupSlug: string;
  title: string;
  status: TopicStatus;
  author: Author | null;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  postCount: number;
  following: boolean;
  permissions: { edit: boolean; moderate: boolean; post: boolean };
  body?: string;
}

export interface Post {
  id: string;
  topicId: string;
  author: Author;
  body: string;
  createdAt: string;
  editedAt: string | null;
  hidden: boolean;
  hiddenAt: string | null;
  permissions: { edit: boolean; moderate: boolean };
}

export interface Report {
  id: string;
  status: ReportStatus;
  reason: string;
  createdAt: string;
  resolvedAt: string | null;
  post: {
    id: string;
    topicId: string;
    topicTitle: string;
    author: Author;
    body: string;
    createdAt: string;
    hidden: boolean;
  };
}

/** An RSVP row as organizers see it. */
export interface Attendee {
  userId: string;
  displayName: string;
  pronouns: string | null;
  status: RsvpStatus;
  mode: 'in_person' | 'online' | null;
  guests: number;
  answers: Record<string, string>;
  checkedInAt: string | null;
  source: RsvpSource;
  updatedAt: string;
  waitlistPosition: number | null;
}

export type RsvpSource = 'web' | 'link' | 'calendar' | 'organizer';
export const RSVP_SOURCES: readonly RsvpSource[] = ['web', 'link', 'calendar', 'organizer'];

export interface AttendeeList {
  items: Attendee[];
  goingCount: number | null;
}

export type InboundOutcome = 'applied' | 'proposal' | 'ignored' | 'dropped' | 'rejected' | 'quarantined';
export const INBOUND_OUTCOMES: readonly InboundOutcome[] = [
  'applied',
  'quarantined',
  'proposal',
  'ignored',
  'rejected',
  'dropped',
];

/** One inbound e-mail as the log keeps it: never its body, only what was decided and why. */
export interface InboundMessage {
  id: string;
  messageId: string;
  channel: string;
  receivedAt: string;
  size: number;
  outcome: InboundOutcome;
  reason: string | null;
  detail: string | null;
  from: string | null;
  envelopeFrom: string | null;
  event: { id: string; title: string | null } | null;
  invitationId: string | null;
  invitee: { userId: string; displayName: string | null; email: string | null } | null;
  partstat: string | null;
  comment: string | null;
  resolution: { decision: string; at: string; by: string | null } | null;
}

/** What a verified calendar reply said beyond its answer: a comment, a delegation, a new time proposed. */
export interface InboundNote {
  kind: 'proposal' | 'delegation' | 'comment';
  messageId: string;
  receivedAt: string;
  event: { id: string; title: string | null } | null;
  invitee: { userId: string; displayName: string | null } | null;
  partstat: string | null;
  comment: string | null;
  delegatedTo: string[] | null;
  proposal: Record<string, unknown> | null;
}

/** What applying a logged answer would change (the server works it out and rolls it back). */
export interface ApplyPreview {
  messageId: string;
  person: { userId: string; displayName: string | null; email: string | null };
  event: { id: string; title: string | null };
  answer: 'going' | 'maybe' | 'declined';
  from: RsvpStatus | null;
  to: RsvpStatus | null;
  changed: boolean;
  refusal: { code: string; message: string } | null;
}

export type ReplyPartstat = 'ACCEPTED' | 'TENTATIVE' | 'DECLINED';

export interface DevReplyResult {
  id: string | null;
  duplicate: boolean;
  outcome: InboundOutcome;
  reason: string | null;
  rsvpStatus?: string;
  from: string;
  to: string;
}

export type OrganizerAction = 'approve' | 'reject' | 'promote' | 'remove' | 'check-in';

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation failures name their fields: `{ details: { fields: [{ field, problems }] } }`. */
  get fields(): FieldProblem[] {
    const fields = this.details?.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldProblem =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as FieldProblem).field === 'string' &&
        Array.isArray((f as FieldProblem).problems),
    );
  }

  problemsFor(field: string): string[] {
    return this.fields.filter((f) => f.field === field).flatMap((f) => f.problems);
  }
}

/** Fired when the API says the session is gone, so the app can show the sign-in screen. */
export const SIGNED_OUT_EVENT = 'hearth:signed-out';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError(
      typeof body.statusCode === 'number' ? body.statusCode : status,
      body.code,
      body.message,
      isRecord(body.details) ? body.details : undefined,
    );
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered ${status}`);
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  expect: 'json' | 'text' = 'json',
): Promise<T> {
  const headers: Record<string, string> = { Accept: expect === 'json' ? 'application/json' : '*/*' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Hearth could not be reached. Check your connection and try again.');
  }
  if (res.ok && expect === 'text') return (await res.text()) as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text && (res.headers.get('Content-Type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const error = toApiError(res.status, parsed);
    if (error.code === 'UNAUTHENTICATED') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw error;
  }
  return parsed as T;
}

const enc = encodeURIComponent;

export const api = {
  me: () => request<User>('GET', '/api/me'),
  login: (email: string, password: string) =>
    request<{ user: User }>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  requestMagicLink: (email: string, locale: Locale) =>
    request<{ message: string }>('POST', '/api/auth/magic-link', { email, locale }),
  updateProfile: (changes: Partial<Pick<User, 'displayName' | 'pronouns' | 'locale' | 'timezone'>>) =>
    request<User>('PATCH', '/api/me', changes),
  setPassword: (newPassword: string, currentPassword?: string) =>
    request<void>(
      'PUT',
      '/api/me/password',
      currentPassword ? { newPassword, currentPassword } : { newPassword },
    ),

  myGroups: () => request<Group[]>('GET', '/api/groups'),
  group: (slug: string) => request<Group>('GET', `/api/groups/${enc(slug)}`),
  createGroup: (input: GroupInput & { slug: string }) => request<Group>('POST', '/api/groups', input),
  updateGroup: (slug: string, input: Partial<GroupInput>) =>
    request<Group>('PATCH', `/api/groups/${enc(slug)}`, input),
  members: (slug: string) => request<Member[]>('GET', `/api/groups/${enc(slug)}/members`),
  invite: (slug: string, email: string, role: Exclude<GroupRole, 'owner'>) =>
    request<{ id: string }>('POST', `/api/groups/${enc(slug)}/members`, { email, role }),
  updateMember: (slug: string, userId: string, changes: { role?: GroupRole; status?: MembershipStatus }) =>
    request<Member>('PATCH', `/api/groups/${enc(slug)}/members/${enc(userId)}`, changes),

  topics: (slug: string, cursor?: string) =>
    request<Page<Topic>>(
      'GET',
      `/api/groups/${enc(slug)}/topics?limit=50${cursor ? `&cursor=${enc(cursor)}` : ''}`,
    ),
  createTopic: (slug: string, title: string, body: string) =>
    request<Topic>('POST', `/api/groups/${enc(slug)}/topics`, { title, body }),
  topic: (id: string) => request<Topic>('GET', `/api/topics/${enc(id)}`),
  updateTopic: (id: string, changes: { title?: string; body?: string; status?: TopicStatus }) =>
    request<Topic>('PATCH', `/api/topics/${enc(id)}`, changes),
  followTopic: (id: string) => request<void>('POST', `/api/topics/${enc(id)}/follow`),
  posts: (topicId: string) => request<Page<Post>>('GET', `/api/topics/${enc(topicId)}/posts?limit=100`),
  createPost: (topicId: string, body: string) =>
    request<Post>('POST', `/api/topics/${enc(topicId)}/posts`, { body }),
  setPostHidden: (postId: string, hidden: boolean) =>
    request<Post>('PATCH', `/api/posts/${enc(postId)}`, { hidden }),
  reports: (slug: string, status: ReportStatus = 'open') =>
    request<Page<Report>>('GET', `/api/groups/${enc(slug)}/reports?status=${enc(status)}&limit=100`),
  resolveReport: (id: string, status: Exclude<ReportStatus, 'open'>) =>
    request<Report>('PATCH', `/api/reports/${enc(id)}`, { status }),

  groupEvents: (slug: string, range: { from?: string; to?: string; limit?: number } = {}) => {
    const q = new URLSearchParams({ limit: String(range.limit ?? 100) });
    if (range.from) q.set('from', range.from);
    if (range.to) q.set('to', range.to);
    return request<Page<HearthEvent>>('GET', `/api/groups/${enc(slug)}/events?${q.toString()}`);
  },
  event: (id: string) => request<HearthEvent>('GET', `/api/events/${enc(id)}`),
  createEvent: (slug: string, input: EventInput) =>
    request<HearthEvent>('POST', `/api/groups/${enc(slug)}/events`, input),
  /** With scope "following" (series), the answer is { items } rather than one event. */
  updateEvent: (id: string, changes: Partial<EventInput> & { scope?: 'this' | 'following' }) =>
    request<HearthEvent>('PATCH', `/api/events/${enc(id)}`, changes),
  updatePreview: (id: string) =>
    request<{ calendarsToUpdate: number }>('GET', `/api/events/${enc(id)}/update-preview`),
  cancelEvent: (id: string) => request<HearthEvent>('POST', `/api/events/${enc(id)}/cancel`),
  createSeries: (topicId: string, plan: { title: string; description: string; events: EventInput[] }) =>
    request<Series>('POST', `/api/topics/${enc(topicId)}/series`, plan),
  series: (id: string) => request<Series>('GET', `/api/series/${enc(id)}`),
  attendees: (eventId: string) => request<AttendeeList>('GET', `/api/events/${enc(eventId)}/rsvps`),
  rsvpAction: (eventId: string, userId: string, action: OrganizerAction) =>
    request<{ status: RsvpStatus; changed: boolean; checkedInAt: string | null }>(
      'POST',
      `/api/events/${enc(eventId)}/rsvps/${enc(userId)}/${action}`,
    ),

  inbound: (outcome?: InboundOutcome, messageId?: string) =>
    request<Page<InboundMessage>>(
      'GET',
      `/api/inbound/messages?limit=100${outcome ? `&outcome=${enc(outcome)}` : ''}${
        messageId ? `&messageId=${enc(messageId)}` : ''
      }`,
    ),
  quarantine: () => request<Page<InboundMessage>>('GET', '/api/inbound/quarantine?limit=100'),
  inboundNotes: (eventId: string) =>
    request<InboundNote[]>('GET', `/api/inbound/notes?eventId=${enc(eventId)}&limit=50`),
  applyQuarantined: (id: string) => request<InboundMessage>('POST', `/api/inbound/messages/${enc(id)}/apply`),
  applyPreview: (id: string) =>
    request<ApplyPreview>('GET', `/api/inbound/messages/${enc(id)}/apply-preview`),
  setRsvpOnBehalf: (eventId: string, userId: string, status: 'going' | 'maybe' | 'declined') =>
    request<{ status: RsvpStatus; previous: RsvpStatus | null; changed: boolean; source: string }>(
      'PUT',
      `/api/events/${enc(eventId)}/rsvps/${enc(userId)}`,
      { status },
    ),
  dismissQuarantined: (id: string) =>
    request<InboundMessage>('POST', `/api/inbound/messages/${enc(id)}/dismiss`),
  devReply: (mailboxId: string, partstat: ReplyPartstat) =>
    request<DevReplyResult>('POST', `/api/dev/mailbox/${enc(mailboxId)}/reply`, { partstat }),

  outbox: (status?: OutboxStatus) =>
    request<OutboxMessage[]>('GET', `/api/admin/outbox?limit=200${status ? `&status=${enc(status)}` : ''}`),
  mailbox: () => request<MailboxMessage[]>('GET', '/api/dev/mailbox?limit=200'),
  mailboxRaw: (id: string) => request<string>('GET', mailboxRawUrl(id), undefined, 'text'),
};

export const mailboxRawUrl = (id: string): string => `/api/dev/mailbox/${enc(id)}/raw`;
export const attendeesCsvUrl = (eventId: string): string => `/api/events/${enc(eventId)}/rsvps.csv`;
export const eventIcsUrl = (eventId: string): string => `/api/events/${enc(eventId)}/calendar.ics`;
/** The member-facing page of an event (server-rendered, outside the admin app). */
export const memberEventUrl = (eventId: string): string => `/events/${enc(eventId)}`;
