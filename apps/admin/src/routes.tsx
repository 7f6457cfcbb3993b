import type { ReactNode } from 'react';
import { OUTBOX_STATUSES, type OutboxStatus } from './api';
import { matchPath, type Location } from './router';
import { DashboardScreen } from './screens/dashboard';
import { GroupCreateScreen } from './screens/group-form';
import { GroupScreen } from './screens/group-page';
import { MailboxMessageScreen, MailboxScreen, OutboxScreen } from './screens/mail';
import { NotFoundScreen } from './screens/not-found';
import { ProfileScreen } from './screens/profile';

interface RouteDef {
  path: string;
  render: (params: Record<string, string>, location: Location) => ReactNode;
}

/**
 * Every signed-in screen, by path (inside /admin). New screens (events, RSVPs) are one line here,
 * plus a link in the header or a section of the group page.
 */
const ROUTES: RouteDef[] = [
  { path: '/', render: () => <DashboardScreen /> },
  { path: '/new-group', render: () => <GroupCreateScreen /> },
  { path: '/groups/:slug', render: (p) => <GroupScreen slug={p.slug} section="settings" /> },
  { path: '/groups/:slug/members', render: (p) => <GroupScreen slug={p.slug} section="members" /> },
  { path: '/profile', render: () => <ProfileScreen /> },
  { path: '/mail', render: (_, l) => <OutboxScreen status={outboxStatus(l.query.get('status'))} /> },
  { path: '/mail/mailbox', render: () => <MailboxScreen /> },
  { path: '/mail/mailbox/:id', render: (p) => <MailboxMessageScreen id={p.id} /> },
];

const outboxStatus = (value: string | null): OutboxStatus | undefined =>
  OUTBOX_STATUSES.find((s) => s === value);

export function renderRoute(location: Location): ReactNode {
  for (const route of ROUTES) {
    const params = matchPath(route.path, location.path);
    if (params) return route.render(params, location);
  }
  return <NotFoundScreen />;
}
