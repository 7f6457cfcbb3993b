/**
 * What the screens call: one thin function per API operation over the generated client. Paths, bodies
 * and answers are typed by schema.d.ts (generated from the API's OpenAPI document); failures are
 * ApiErrors (see client.ts).
 */
import { call, client } from './client';
import {
  isAttendeeRow,
  type Attendee,
  type AudienceInput,
  type EventChanges,
  type EventInput,
  type GroupInput,
  type GroupRole,
  type InboundOutcome,
  type InvitationState,
  type Locale,
  type MembershipStatus,
  type OrganizerAction,
  type OutboxStatus,
  type ProfileChanges,
  type ReplyPartstat,
  type ReportStatus,
  type TopicStatus,
} from './types';

export { ApiError, type FieldProblem } from './errors';
export { SIGNED_OUT_EVENT } from './client';
export * from './types';

const id = (value: string) => ({ params: { path: { id: value } } });
const slug = (value: string) => ({ params: { path: { slug: value } } });

const account = {
  me: () => call(client.GET('/api/me')),
  login: (email: string, password: string) =>
    call(client.POST('/api/auth/login', { body: { email, password } })),
  logout: () => call(client.POST('/api/auth/logout')),
  requestMagicLink: (email: string, locale: Locale) =>
    call(client.POST('/api/auth/magic-link', { body: { email, locale } })),
  updateProfile: (changes: ProfileChanges) => call(client.PATCH('/api/me', { body: changes })),
  setPassword: (newPassword: string, currentPassword?: string) =>
    call(
      client.PUT('/api/me/password', {
        body: currentPassword ? { newPassword, currentPassword } : { newPassword },
      }),
    ),
};

const groups = {
  myGroups: () => call(client.GET('/api/groups')),
  group: (s: string) => call(client.GET('/api/groups/{slug}', slug(s))),
  createGroup: (input: GroupInput & { slug: string }) => call(client.POST('/api/groups', { body: input })),
  updateGroup: (s: string, input: Partial<GroupInput>) =>
    call(client.PATCH('/api/groups/{slug}', { ...slug(s), body: input })),
  members: (s: string) => call(client.GET('/api/groups/{slug}/members', slug(s))),
  invite: (s: string, email: string, role: Exclude<GroupRole, 'owner'>) =>
    call(client.POST('/api/groups/{slug}/members', { ...slug(s), body: { email, role } })),
  updateMember: (s: string, userId: string, changes: { role?: GroupRole; status?: MembershipStatus }) =>
    call(
      client.PATCH('/api/groups/{slug}/members/{userId}', {
        params: { path: { slug: s, userId } },
        body: changes,
      }),
    ),
};

const discussion = {
  topics: (s: string, cursor?: string) =>
    call(
      client.GET('/api/groups/{slug}/topics', {
        params: { path: { slug: s }, query: { limit: 50, cursor } },
      }),
    ),
  createTopic: (s: string, title: string, body: string) =>
    call(client.POST('/api/groups/{slug}/topics', { ...slug(s), body: { title, body } })),
  topic: (topicId: string) => call(client.GET('/api/topics/{id}', id(topicId))),
  updateTopic: (topicId: string, changes: { title?: string; body?: string; status?: TopicStatus }) =>
    call(client.PATCH('/api/topics/{id}', { ...id(topicId), body: changes })),
  followTopic: (topicId: string) => call(client.POST('/api/topics/{id}/follow', id(topicId))),
  posts: (topicId: string) =>
    call(client.GET('/api/topics/{id}/posts', { params: { path: { id: topicId }, query: { limit: 100 } } })),
  createPost: (topicId: string, body: string) =>
    call(client.POST('/api/topics/{id}/posts', { ...id(topicId), body: { body } })),
  setPostHidden: (postId: string, hidden: boolean) =>
    call(client.PATCH('/api/posts/{id}', { ...id(postId), body: { hidden } })),
  reports: (s: string, status: ReportStatus = 'open') =>
    call(
      client.GET('/api/groups/{slug}/reports', {
        params: { path: { slug: s }, query: { status, limit: 100 } },
      }),
    ),
  resolveReport: (reportId: string, status: Exclude<ReportStatus, 'open'>) =>
    call(client.PATCH('/api/reports/{id}', { ...id(reportId), body: { status } })),
};

const events = {
  groupEvents: (s: string, range: { from?: string; to?: string; limit?: number } = {}) =>
    call(
      client.GET('/api/groups/{slug}/events', {
        params: { path: { slug: s }, query: { limit: range.limit ?? 100, from: range.from, to: range.to } },
      }),
    ),
  event: (eventId: string) => call(client.GET('/api/events/{id}', id(eventId))),
  createEvent: (s: string, input: EventInput, audience?: AudienceInput) =>
    call(client.POST('/api/groups/{slug}/events', { ...slug(s), body: { ...input, audience } })),
  /** With scope "following" (series), the answer is { items } rather than one event. */
  updateEvent: (eventId: string, changes: EventChanges) =>
    call(client.PATCH('/api/events/{id}', { ...id(eventId), body: changes })),
  updatePreview: (eventId: string) => call(client.GET('/api/events/{id}/update-preview', id(eventId))),
  cancelEvent: (eventId: string) => call(client.POST('/api/events/{id}/cancel', id(eventId))),
  createSeries: (
    topicId: string,
    plan: { title: string; description: string; events: EventInput[]; audience?: AudienceInput },
  ) => call(client.POST('/api/topics/{id}/series', { ...id(topicId), body: plan })),
  /** "Invite people": adds an audience to an event (only the people not yet invited). */
  addPeople: (eventId: string, audience: AudienceInput) =>
    call(client.POST('/api/events/{id}/invitations', { ...id(eventId), body: audience })),
  eventAudiencePreview: (eventId: string, audience: AudienceInput) =>
    call(client.POST('/api/events/{id}/invitations/preview', { ...id(eventId), body: audience })),
  groupAudiencePreview: (s: string, audience: AudienceInput & { topicId?: string }) =>
    call(client.POST('/api/groups/{slug}/audience-preview', { ...slug(s), body: audience })),
  series: (seriesId: string) => call(client.GET('/api/series/{id}', id(seriesId))),
  /** The RSVP rows an organizer sees (names-only rows, which others get, are left out). */
  attendees: async (eventId: string): Promise<{ items: Attendee[]; goingCount: number | null }> => {
    const list = await call(client.GET('/api/events/{id}/rsvps', id(eventId)));
    return { items: list.items.filter(isAttendeeRow), goingCount: list.goingCount };
  },
  rsvpAction: (eventId: string, userId: string, action: OrganizerAction) =>
    call(
      client.POST('/api/events/{id}/rsvps/{userId}/{action}', {
        params: { path: { id: eventId, userId, action } },
      }),
    ),
  setRsvpOnBehalf: (eventId: string, userId: string, status: 'going' | 'maybe' | 'declined') =>
    call(
      client.PUT('/api/events/{id}/rsvps/{userId}', {
        params: { path: { id: eventId, userId } },
        body: { status },
      }),
    ),
};

const invitations = {
  invitations: (eventId: string, state?: InvitationState, cursor?: string) =>
    call(
      client.GET('/api/events/{id}/invitations', {
        params: { path: { id: eventId }, query: { state, cursor, limit: 100 } },
      }),
    ),
  resendInvitation: (eventId: string, userId: string) =>
    call(
      client.POST('/api/events/{id}/invitations/{userId}/resend', {
        params: { path: { id: eventId, userId } },
      }),
    ),
  resendUnanswered: (eventId: string) =>
    call(client.POST('/api/events/{id}/invitations/resend', id(eventId))),
  revokeInvitation: (eventId: string, userId: string) =>
    call(
      client.DELETE('/api/events/{id}/invitations/{userId}', {
        params: { path: { id: eventId, userId } },
      }),
    ),
  groupInvites: (s: string) => call(client.GET('/api/groups/{slug}/invites', slug(s))),
  resendGroupInvite: (s: string, inviteId: string) =>
    call(
      client.POST('/api/groups/{slug}/invites/{inviteId}/resend', {
        params: { path: { slug: s, inviteId } },
      }),
    ),
  revokeGroupInvite: (s: string, inviteId: string) =>
    call(
      client.DELETE('/api/groups/{slug}/invites/{inviteId}', {
        params: { path: { slug: s, inviteId } },
      }),
    ),
};

const jobs = {
  job: (jobId: string) => call(client.GET('/api/jobs/{id}', id(jobId))),
  eventJobs: (eventId: string) => call(client.GET('/api/events/{id}/jobs', id(eventId))),
  recentJobs: () => call(client.GET('/api/jobs', { params: { query: { limit: 20 } } })),
};

const inbound = {
  inbound: (outcome?: InboundOutcome, messageId?: string) =>
    call(client.GET('/api/inbound/messages', { params: { query: { limit: 100, outcome, messageId } } })),
  quarantine: () => call(client.GET('/api/inbound/quarantine', { params: { query: { limit: 100 } } })),
  inboundNotes: (eventId: string) =>
    call(client.GET('/api/inbound/notes', { params: { query: { eventId, limit: 50 } } })),
  applyQuarantined: (messageId: string) =>
    call(client.POST('/api/inbound/messages/{id}/apply', id(messageId))),
  applyPreview: (messageId: string) =>
    call(client.GET('/api/inbound/messages/{id}/apply-preview', id(messageId))),
  dismissQuarantined: (messageId: string) =>
    call(client.POST('/api/inbound/messages/{id}/dismiss', id(messageId))),
};

const mail = {
  devReply: (mailboxId: string, partstat: ReplyPartstat) =>
    call(client.POST('/api/dev/mailbox/{id}/reply', { ...id(mailboxId), body: { partstat } })),
  outbox: (status?: OutboxStatus) =>
    call(client.GET('/api/admin/outbox', { params: { query: { limit: 200, status } } })),
  mailbox: () => call(client.GET('/api/dev/mailbox', { params: { query: { limit: 200 } } })),
  mailboxRaw: (mailboxId: string) =>
    call(
      client.GET('/api/dev/mailbox/{id}/raw', {
        ...id(mailboxId),
        headers: { Accept: '*/*' },
        parseAs: 'text',
      }),
    ),
};

export const api = {
  ...account,
  ...groups,
  ...discussion,
  ...events,
  ...invitations,
  ...jobs,
  ...inbound,
  ...mail,
};

const enc = encodeURIComponent;
export const mailboxRawUrl = (mailboxId: string): string => `/api/dev/mailbox/${enc(mailboxId)}/raw`;
export const attendeesCsvUrl = (eventId: string): string => `/api/events/${enc(eventId)}/rsvps.csv`;
export const eventIcsUrl = (eventId: string): string => `/api/events/${enc(eventId)}/calendar.ics`;
/** The member-facing page of an event (server-rendered, outside the admin app). */
export const memberEventUrl = (eventId: string): string => `/events/${enc(eventId)}`;
