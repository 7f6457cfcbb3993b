import { call, client } from '../../api/client';
import type { components } from '../../api/schema';

/** The networking rounds endpoints the organizer screens use (issue 15), over the generated client. */
type Schemas = components['schemas'];
export type NetworkingSettings = Schemas['NetworkingSettingsResponse'];
export type NetworkingPlan = Schemas['PlanResponse'];
export type PlanRoom = Schemas['PlanRoomResponse'];
export type NetworkingReport = Schemas['NetworkingReportResponse'];
export type GroupNetworkingReport = Schemas['GroupNetworkingReportResponse'];
export type SettingsInput = Schemas['NetworkingSettingsDto'];
export type RoundAction = 'start' | 'pause' | 'skip' | 'end';
export type Phase = 'not_started' | 'round' | 'break' | 'paused' | 'ended';

const event = (id: string) => ({ params: { path: { id } } });

export const networkingApi = {
  plan: (eventId: string) => call(client.GET('/api/events/{id}/networking/plan', event(eventId))),
  configure: (eventId: string, body: SettingsInput) =>
    call(client.PUT('/api/events/{id}/networking/settings', { ...event(eventId), body })),
  act: (eventId: string, action: RoundAction) =>
    call(
      client.POST('/api/events/{id}/networking/rounds/{action}', {
        params: { path: { id: eventId, action } },
      }),
    ),
  move: (eventId: string, userId: string, roomId: string) =>
    call(client.POST('/api/events/{id}/networking/moves', { ...event(eventId), body: { userId, roomId } })),
  reports: (eventId: string) => call(client.GET('/api/events/{id}/networking/reports', event(eventId))),
  groupReports: (slug: string, status: 'open' | 'resolved') =>
    call(
      client.GET('/api/groups/{slug}/networking-reports', { params: { path: { slug }, query: { status } } }),
    ),
  resolveReport: (slug: string, reportId: string) =>
    call(
      client.POST('/api/groups/{slug}/networking-reports/{reportId}/resolve', {
        params: { path: { slug, reportId } },
      }),
    ),
};
