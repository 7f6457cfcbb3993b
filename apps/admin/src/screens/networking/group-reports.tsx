import type { Group, ReportStatus } from '../../api';
import { ErrorSummary } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { networkingApi } from './networking-api';

/**
 * The networking part of the group's moderation queue: reports filed from rooms, with the event, round
 * and reason; moderators mark them resolved. Reporter and reported are shown as user ids, as the
 * organizer's plan view of that event names them.
 */
export function GroupNetworkingReports({ group, status }: { group: Group; status: ReportStatus }) {
  const { t, formatDateTime } = useI18n();
  const shown = status === 'resolved' ? 'resolved' : 'open';
  const reports = useResource(
    () => networkingApi.groupReports(group.slug, shown),
    `net-reports:${group.slug}:${shown}`,
  );
  const resolve = useAction((id: string) => networkingApi.resolveReport(group.slug, id));
  if (status === 'dismissed') return null;
  return (
    <section className="card" aria-labelledby="networking-group-reports">
      <h2 id="networking-group-reports">{t('networking.groupReportsHeading')}</h2>
      <ErrorSummary error={reports.error ?? resolve.error} />
      {reports.data?.length === 0 ? <p className="muted">{t('networking.noReports')}</p> : null}
      <ul>
        {reports.data?.map((r) => (
          <li key={r.id}>
            <Link to={`/events/${encodeURIComponent(r.eventId)}/networking`}>
              {t('networking.groupReportLine', { event: r.eventTitle, round: r.round })}
            </Link>
            {': '}
            {r.reason} <span className="muted">{formatDateTime(r.createdAt)}</span>{' '}
            {r.status === 'open' ? (
              <button
                type="button"
                className="secondary"
                disabled={resolve.pending}
                onClick={() => void resolve.run(r.id).then(reports.reload)}
              >
                {t('networking.resolve')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
