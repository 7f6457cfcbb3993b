import { request } from '../../api';

/** The networking rounds endpoints the organizer screens use (issue 15). */
export interface NetworkingSettings {
  rounds: number;
  roundMinutes: number;
  breakMinutes: number;
  groupSize: number;
  useInterests: boolean;
  interestTags: string[];
  status: 'idle' | 'running' | 'paused' | 'ended';
  currentRound: number;
}

export type SettingsInput = Omit<NetworkingSettings, 'status' | 'currentRound'>;
export type RoundAction = 'start' | 'pause' | 'skip' | 'end';

export interface PlanRoom {
  roomId: string;
  url: string;
  members: Array<{ userId: string; shownName: string; left: boolean }>;
}

export interface NetworkingPlan {
  settings: NetworkingSettings | null;
  phase: 'not_started' | 'round' | 'break' | 'paused' | 'ended';
  round: number;
  nextChangeAt: string | null;
  timezone: string;
  totalMinutes: number | null;
  schedule: Array<{ round: number; startsAt: string; endsAt: string }>;
  optedIn: number;
  present: number;
  rounds: Array<{ round: number; rooms: PlanRoom[] }>;
}

export interface NetworkingReport {
  id: string;
  reporterId: string;
  reportedId: string;
  round: number;
  roomId: string | null;
  reason: string;
  status: string;
  createdAt: string;
}

export interface GroupNetworkingReport extends NetworkingReport {
  eventId: string;
  eventTitle: string;
}

const base = (eventId: string): string => `/api/events/${encodeURIComponent(eventId)}/networking`;

export const networkingApi = {
  plan: (eventId: string) => request<NetworkingPlan>('GET', `${base(eventId)}/plan`),
  configure: (eventId: string, input: SettingsInput) =>
    request<NetworkingSettings>('PUT', `${base(eventId)}/settings`, input),
  act: (eventId: string, action: RoundAction) => request<void>('POST', `${base(eventId)}/rounds/${action}`),
  move: (eventId: string, userId: string, roomId: string) =>
    request<void>('POST', `${base(eventId)}/moves`, { userId, roomId }),
  reports: (eventId: string) => request<NetworkingReport[]>('GET', `${base(eventId)}/reports`),
  groupReports: (slug: string, status: 'open' | 'resolved') =>
    request<GroupNetworkingReport[]>(
      'GET',
      `/api/groups/${encodeURIComponent(slug)}/networking-reports?status=${status}`,
    ),
  resolveReport: (slug: string, id: string) =>
    request<void>(
      'POST',
      `/api/groups/${encodeURIComponent(slug)}/networking-reports/${encodeURIComponent(id)}/resolve`,
    ),
};
