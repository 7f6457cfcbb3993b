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
  createdAt: string;
}

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

async function request<T>(
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

  outbox: (status?: OutboxStatus) =>
    request<OutboxMessage[]>('GET', `/api/admin/outbox?limit=200${status ? `&status=${enc(status)}` : ''}`),
  mailbox: () => request<MailboxMessage[]>('GET', '/api/dev/mailbox?limit=200'),
  mailboxRaw: (id: string) => request<string>('GET', mailboxRawUrl(id), undefined, 'text'),
};

export const mailboxRawUrl = (id: string): string => `/api/dev/mailbox/${enc(id)}/raw`;
