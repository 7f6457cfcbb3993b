import type { ReactNode } from 'react';
import {
  INBOUND_OUTCOMES,
  INVITATION_STATES,
  OUTBOX_STATUSES,
  RSVP_STATUSES,
  type InboundOutcome,
  type InvitationState,
  type OutboxStatus,
  type ReportStatus,
  type RsvpStatus,
} from './api';
import { matchPath, type Location } from './router';
import { CalendarScreen } from './screens/calendar';
import { DashboardScreen } from './screens/dashboard';
import { EventScreen } from './screens/event';
import { GroupCreateScreen } from './screens/group-form';
import { GroupScreen } from './screens/group-page';
import {
  InboundScreen,
  JobsScreen,
  MailboxMessageScreen,
  MailboxScreen,
  OutboxScreen,
  QuarantineScreen,
} from './screens/mail';
import { NotFoundScreen } from './screens/not-found';
import { ProfileScreen } from './screens/profile';
import { ScheduleSeriesScreen } from './screens/schedule-series';
import { SeriesScreen } from './screens/series';
import { TopicScreen } from './screens/topic';

interface RouteDef {
  path: string;
  render: (params: Record<string, string>, location: Location) => ReactNode;
}

/** Every signed-in screen, by path (inside /admin): one line here, plus a link to it somewhere. */
const ROUTES: RouteDef[] = [
  { path: '/', render: () => <DashboardScreen /> },
  { path: '/new-group', render: () => <GroupCreateScreen /> },
  { path: '/groups/:slug', render: (p) => <GroupScreen slug={p.slug} section="settings" /> },
  { path: '/groups/:slug/members', render: (p) => <GroupScreen slug={p.slug} section="members" /> },
  { path: '/groups/:slug/topics', render: (p) => <GroupScreen slug={p.slug} section="topics" /> },
  { path: '/groups/:slug/events', render: (p) => <GroupScreen slug={p.slug} section="events" /> },
  {
    path: '/groups/:slug/reports',
    render: (p, l) => (
      <GroupScreen slug={p.slug} section="reports" reportStatus={reportStatus(l.query.get('status'))} />
    ),
  },
  { path: '/topics/:id', render: (p) => <TopicScreen id={p.id} /> },
  { path: '/topics/:id/schedule', render: (p) => <ScheduleSeriesScreen topicId={p.id} /> },
  {
    path: '/series/:id',
    render: (p, l) => <SeriesScreen id={p.id} justScheduled={l.query.has('scheduled')} />,
  },
  { path: '/events/:id', render: (p) => <EventScreen id={p.id} section="details" /> },
  {
    path: '/events/:id/rsvps',
    render: (p, l) => <EventScreen id={p.id} section="rsvps" status={rsvpStatus(l.query.get('status'))} />,
  },
  {
    path: '/events/:id/invitations',
    render: (p, l) => (
      <EventScreen id={p.id} section="invitations" invitationState={invitationState(l.query.get('state'))} />
    ),
  },
  { path: '/events/:id/networking', render: (p) => <EventScreen id={p.id} section="networking" /> },
  {
    path: '/calendar',
    render: (_, l) => <CalendarScreen month={l.query.get('month')} group={l.query.get('group')} />,
  },
  { path: '/profile', render: () => <ProfileScreen /> },
  { path: '/mail', render: (_, l) => <OutboxScreen status={outboxStatus(l.query.get('status'))} /> },
  { path: '/mail/jobs', render: () => <JobsScreen /> },
  { path: '/mail/mailbox', render: () => <MailboxScreen /> },
  { path: '/mail/mailbox/:id', render: (p) => <MailboxMessageScreen id={p.id} /> },
  {
    path: '/mail/inbound',
    render: (_, l) => (
      <InboundScreen
        outcome={inboundOutcome(l.query.get('outcome'))}
        messageId={l.query.get('messageId') ?? undefined}
      />
    ),
  },
  { path: '/mail/quarantine', render: () => <QuarantineScreen /> },
];

const outboxStatus = (value: string | null): OutboxStatus | undefined =>
  OUTBOX_STATUSES.find((s) => s === value);
const inboundOutcome = (value: string | null): InboundOutcome | undefined =>
  INBOUND_OUTCOMES.find((s) => s === value);
const rsvpStatus = (value: string | null): RsvpStatus | undefined => RSVP_STATUSES.find((s) => s === value);
const invitationState = (value: string | null): InvitationState | undefined =>
  INVITATION_STATES.find((s) => s === value);
const reportStatus = (value: string | null): ReportStatus =>
  value === 'resolved' || value === 'dismissed' ? value : 'open';

export function renderRoute(location: Location): ReactNode {
  for (const route of ROUTES) {
    const params = matchPath(route.path, location.path);
    if (params) return route.render(params, location);
  }
  return <NotFoundScreen />;
}
