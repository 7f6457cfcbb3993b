import { api, type Group } from '../api';
import { Badge, ErrorSummary, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';

export function DashboardScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const groups = useResource(api.myGroups, 'my-groups');

  return (
    <Page
      title={t('dashboard.title')}
      actions={
        <Link to="/new-group" className="button">
          {t('dashboard.newGroup')}
        </Link>
      }
    >
      <p>{t('dashboard.welcome', { name: user.displayName })}</p>
      <div className="dashboard-grid">
        <section aria-labelledby="my-groups" className="card">
          <h2 id="my-groups">{t('dashboard.groups')}</h2>
          {groups.loading && !groups.data ? <Loading /> : null}
          <ErrorSummary error={groups.error} />
          {groups.data && groups.data.length === 0 ? <p>{t('dashboard.noGroups')}</p> : null}
          {groups.data && groups.data.length > 0 ? (
            <ul className="group-list">
              {groups.data.map((g) => (
                <GroupItem key={g.id} group={g} />
              ))}
            </ul>
          ) : null}
        </section>
        <UpcomingEvents />
      </div>
    </Page>
  );
}

function GroupItem({ group }: { group: Group }) {
  const { t } = useI18n();
  const m = group.membership;
  return (
    <li>
      <Link to={`/groups/${encodeURIComponent(group.slug)}`} className="group-link">
        {group.name}
      </Link>
      <span className="meta">{[group.city, group.timezone].filter(Boolean).join(' · ')}</span>
      <span className="badges">
        <Badge tone={group.visibility}>{t(`visibility.${group.visibility}`)}</Badge>
        {m ? (
          <Badge tone={m.status === 'active' ? 'role' : m.status}>
            {m.status === 'active' ? t(`role.${m.role}`) : t(`status.${m.status}`)}
          </Badge>
        ) : null}
      </span>
    </li>
  );
}

/** Placeholder until the events API lands; it will list the next events of my groups here. */
function UpcomingEvents() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="upcoming-events" className="card" data-section="upcoming-events">
      <h2 id="upcoming-events">{t('dashboard.events')}</h2>
      <p className="muted">{t('dashboard.eventsSoon')}</p>
    </section>
  );
}
