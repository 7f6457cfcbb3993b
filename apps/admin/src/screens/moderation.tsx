import { useState } from 'react';
import { api, type ApiError, type Group, type Report, type ReportStatus } from '../api';
import { Badge, ErrorSummary, Loading, Notice } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';

const REPORT_TABS: ReportStatus[] = ['open', 'resolved', 'dismissed'];

/** The moderation queue: reported posts, with hide and resolve/dismiss. */
export function ModerationSection({ group, status }: { group: Group; status: ReportStatus }) {
  const { t } = useI18n();
  const reports = useResource(() => api.reports(group.slug, status), `reports:${group.slug}:${status}`);
  const [outcome, setOutcome] = useState<{ text: string; error: ApiError | null } | null>(null);
  if (!group.permissions.moderate) return <p className="muted">{t('reports.moderatorsOnly')}</p>;
  const base = `/groups/${encodeURIComponent(group.slug)}/reports`;
  return (
    <section className="card" aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t('reports.heading')}</h2>
      <p className="muted">{t('reports.intro')}</p>
      <nav className="tabs" aria-label={t('reports.tabs')}>
        <ul>
          {REPORT_TABS.map((s) => (
            <li key={s}>
              <Link to={`${base}?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {t(`reportStatus.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {outcome?.error ? <ErrorSummary error={outcome.error} title={outcome.text} /> : null}
      {outcome && !outcome.error ? <Notice>{outcome.text}</Notice> : null}
      {reports.loading && !reports.data ? <Loading /> : null}
      <ErrorSummary error={reports.error} />
      {reports.data && reports.data.items.length === 0 ? <p className="muted">{t('reports.empty')}</p> : null}
      {reports.data?.items.map((r) => (
        <ReportItem
          key={r.id}
          report={r}
          onDone={(text, error) => {
            setOutcome({ text, error });
            reports.reload();
          }}
        />
      ))}
    </section>
  );
}

function ReportItem({
  report,
  onDone,
}: {
  report: Report;
  onDone: (text: string, error: ApiError | null) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    setBusy(true);
    try {
      await work();
      onDone(done, null);
    } catch (error) {
      onDone(t('reports.failed'), error as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="report" data-report={report.id}>
      <p className="meta">
        {t('reports.reported', { when: formatDateTime(report.createdAt) })} ·{' '}
        <Link to={`/topics/${encodeURIComponent(report.post.topicId)}`}>{report.post.topicTitle}</Link>
      </p>
      <p>
        <strong>{t('reports.reason')}:</strong> <span dir="auto">{report.reason}</span>
      </p>
      <blockquote className="prewrap" dir="auto">
        <span className="meta">
          <bdi>{report.post.author.displayName}</bdi>:
        </span>{' '}
        {report.post.body}
      </blockquote>
      {report.status === 'open' ? (
        <div className="button-row">
          {!report.post.hidden ? (
            <button
              type="button"
              className="danger small"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.setPostHidden(report.post.id, true);
                  await api.resolveReport(report.id, 'resolved');
                }, t('reports.hidden'))
              }
            >
              {t('reports.hideAndResolve')}
            </button>
          ) : null}
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => void run(() => api.resolveReport(report.id, 'resolved'), t('reports.resolved'))}
          >
            {t('reports.resolve')}
          </button>
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => void run(() => api.resolveReport(report.id, 'dismissed'), t('reports.dismissed'))}
          >
            {t('reports.dismiss')}
          </button>
        </div>
      ) : (
        <p className="meta">
          <Badge tone={report.status === 'resolved' ? 'active' : 'private'}>
            {t(`reportStatus.${report.status}`)}
          </Badge>{' '}
          {formatDateTime(report.resolvedAt)}
        </p>
      )}
    </article>
  );
}
