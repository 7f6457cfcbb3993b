import { api, type Group, type HearthEvent } from '../api';
import { Badge, ErrorSummary, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';
import { rsvpCounts, type RsvpCounts } from './series';

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
      <UpcomingEvents groups={groups.data} />
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
      </div>
    </Page>
  );
}

function GroupItem({ group }: { group: Group }) {
  const { t } = useI18n();
  const m = group.membership;
  return (
    <li>
      <Link to={`/groups/${encodeURIComponent(group.slug)}/events`} className="group-link">
        <bdi>{group.name}</bdi>
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

interface UpcomingRow {
  event: HearthEvent;
  counts: RsvpCounts | null;
}

const UPCOMING_LIMIT = 12;

/**
 * The next events across every group I am active in, soonest first, with going / waitlisted /
 * pending counts where I organise (others may not know them).
 */
async function loadUpcoming(groups: Group[]): Promise<UpcomingRow[]> {
  const from = new Date().toISOString();
  const active = groups.filter((g) => g.membership?.status === 'active');
  const lists = await Promise.all(
    active.map((g) => api.groupEvents(g.slug, { from, limit: UPCOMING_LIMIT }).then((p) => p.items)),
  );
  const events = lists
    .flat()
    .filter((e) => e.status !== 'cancelled')
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .slice(0, UPCOMING_LIMIT);
  return Promise.all(
    events.map(async (event) => ({
      event,
      counts: event.permissions.edit ? await rsvpCounts(event.id).catch(() => null) : null,
    })),
  );
}

function UpcomingEvents({ groups }: { groups: Group[] | undefined }) {
  const { t, formatEventRange } = useI18n();
  const key = groups ? groups.map((g) => g.slug).join(',') : '';
  const rows = useResource(() => (groups ? loadUpcoming(groups) : Promise.resolve([])), `upcoming:${key}`);
  return (
    <section aria-labelledby="upcoming-events" className="card wide" data-section="upcoming-events">
      <div className="card-head">
        <h2 id="upcoming-events">{t('dashboard.events')}</h2>
        <Link to="/calendar" className="small">
          {t('dashboard.calendar')}
        </Link>
      </div>
      {rows.loading && !rows.data ? <Loading /> : null}
      <ErrorSummary error={rows.error} />
      {rows.data && rows.data.length === 0 ? <p className="muted">{t('dashboard.noEvents')}</p> : null}
      {rows.data && rows.data.length > 0 ? (
        <div className="table-wrap">
          <table className="upcoming" aria-labelledby="upcoming-events">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.event')}</th>
                <th scope="col">{t('dashboard.when')}</th>
                <th scope="col" className="num">
                  {t('dashboard.going')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.waitlisted')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.pending')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map(({ event, counts }) => (
                <tr key={event.id} data-event={event.id}>
                  <EventCell event={event} />
                  <td data-label={t('dashboard.when')}>
                    {formatEventRange(event.startsAt, event.endsAt, event.timezone)}
                  </td>
                  <td className="num" data-label={t('dashboard.going')} data-count="going">
                    {counts ? (
                      <Link to={`/events/${encodeURIComponent(event.id)}/rsvps?status=going`}>
                        {counts.going}
                        {event.capacity !== null ? ` / ${event.capacity}` : ''}
                      </Link>
                    ) : (
                      t('common.none')
                    )}
                  </td>
                  <td className="num" data-label={t('dashboard.waitlisted')} data-count="waitlisted">
                    {counts ? counts.waitlisted : t('common.none')}
                  </td>
                  <td className="num" data-label={t('dashboard.pending')} data-count="pending">
                    {counts ? (
                      counts.pending > 0 ? (
                        <Link to={`/events/${encodeURIComponent(event.id)}/rsvps?status=pending_approval`}>
                          <Badge tone="pending">{counts.pending}</Badge>
                        </Link>
                      ) : (
                        0
                      )
                    ) : (
                      t('common.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The event's title and group, each isolated so it keeps its own direction in either language. */
function EventCell({ event }: { event: HearthEvent }) {
  const { t } = useI18n();
  return (
    <th scope="row">
      <Link to={`/events/${encodeURIComponent(event.id)}`}>
        <bdi>{event.title}</bdi>
      </Link>
      <span className="meta block">
        <bdi>{event.group.name}</bdi> · {t(`kind.${event.kind}`)}
      </span>
    </th>
  );
}
