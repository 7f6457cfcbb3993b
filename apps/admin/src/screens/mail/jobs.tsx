import { useEffect } from 'react';
import { api } from '../../api';
import { ErrorSummary, Loading } from '../../components/ui';
import { JobProgress, isJobActive } from '../../components/job-progress';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { MailPage } from './mail-page';

/** The instance's recent fan-out jobs with their progress (instance owner). */
export function JobsScreen() {
  return (
    <MailPage current="/mail/jobs" ownerOnly>
      <Jobs />
    </MailPage>
  );
}

function Jobs() {
  const { t } = useI18n();
  const list = useResource(() => api.recentJobs(), 'jobs');
  const { reload } = list;
  // A job started elsewhere shows up without a manual refresh while any is under way.
  const active = (list.data ?? []).some(isJobActive);
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(reload, 5000);
    return () => clearInterval(timer);
  }, [active, reload]);
  return (
    <section className="card" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">{t('mail.tab.jobs')}</h2>
      <p className="muted">{t('jobs.intro')}</p>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 ? <p className="muted">{t('jobs.empty')}</p> : null}
      {(list.data ?? []).map((job) => (
        <div key={job.id} className="job-row">
          <JobProgress job={job} />
          <Link to={`/events/${encodeURIComponent(job.eventId)}`}>{t('jobs.event')}</Link>
        </div>
      ))}
    </section>
  );
}
