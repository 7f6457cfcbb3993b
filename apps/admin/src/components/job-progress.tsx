import { useEffect, useRef, useState } from 'react';
import { api, type FanoutJob } from '../api';
import { useI18n } from '../i18n';

const POLL_MS = 1000;

/** Whether a job still has work ahead: being rendered, or messages waiting in the outbox. */
export const isJobActive = (job: FanoutJob): boolean =>
  job.status === 'queued' || job.status === 'running' || job.queued > 0;

/** Follows one job: polls GET /api/jobs/:id while it is active, then stops. */
export function useJob(initial: FanoutJob, onSettled?: () => void): FanoutJob {
  const [job, setJob] = useState(initial);
  useEffect(() => setJob(initial), [initial]);
  const active = isJobActive(job);
  const wasActive = useRef(active);
  useEffect(() => {
    // Told once, when a job followed here stops having work ahead (what it changed can be re-read).
    if (wasActive.current && !active) onSettled?.();
    wasActive.current = active;
  }, [active, onSettled]);
  useEffect(() => {
    if (!active) return undefined;
    let live = true;
    const timer = setInterval(() => {
      api.job(job.id).then(
        (next) => live && setJob(next),
        () => undefined, // a failed poll is retried on the next tick
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [job.id, active]);
  return job;
}

/**
 * A fan-out job's progress: a bar of the messages sent (and failed) out of everyone it addresses,
 * with what is rendered, waiting in the outbox and skipped, and an estimate while it runs.
 */
export function JobProgress({ job: initial, onSettled }: { job: FanoutJob; onSettled?: () => void }) {
  const { t } = useI18n();
  const job = useJob(initial, onSettled);
  const addressed = Math.max(job.rendered, job.total - job.skipped);
  const done = job.sent + job.failed;
  const percent = addressed > 0 ? Math.min(100, Math.round((done / addressed) * 100)) : 100;
  return (
    <div className="job-progress" data-job-id={job.id} data-job-status={job.status}>
      <p className="job-progress-title">
        <strong>{t(`job.kind.${job.kind}`)}</strong> · {t(`job.status.${job.status}`)}
        {isJobActive(job) && job.estimatedSecondsRemaining !== null
          ? ` · ${t('job.eta', { s: job.estimatedSecondsRemaining })}`
          : null}
      </p>
      <div
        className="job-bar"
        role="progressbar"
        aria-label={t('job.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span
          className="job-bar-sent"
          style={{ width: `${addressed ? (job.sent / addressed) * 100 : 0}%` }}
        />
        <span
          className="job-bar-failed"
          style={{ width: `${addressed ? (job.failed / addressed) * 100 : 0}%` }}
        />
        <span
          className="job-bar-queued"
          style={{ width: `${addressed ? (job.queued / addressed) * 100 : 0}%` }}
        />
      </div>
      <p className="muted job-progress-counts">
        {t('job.counts', {
          percent,
          total: job.total,
          rendered: job.rendered,
          queued: job.queued,
          sent: job.sent,
          failed: job.failed,
          skipped: job.skipped,
        })}
      </p>
    </div>
  );
}

/** An event's recent fan-out jobs (organizers), newest first; reloads when the event changes. */
export function EventJobs({
  eventId,
  version,
  onSettled,
}: {
  eventId: string;
  version: string;
  /** Called when a job shown here finishes its work. */
  onSettled?: () => void;
}) {
  const { t } = useI18n();
  const [jobs, setJobs] = useState<FanoutJob[] | null>(null);
  useEffect(() => {
    let live = true;
    api.eventJobs(eventId).then(
      (list) => live && setJobs(list),
      () => live && setJobs([]),
    );
    return () => {
      live = false;
    };
  }, [eventId, version]);
  useEffect(() => {
    // A job may finish before its list arrives: what was read before it began is then stale, and
    // no job followed here will ever say so, so the list itself tells once that nothing is in flight.
    if (jobs && jobs.length > 0 && !jobs.some(isJobActive)) onSettled?.();
  }, [jobs, onSettled]);
  if (!jobs || jobs.length === 0) return null;
  return (
    <section className="card" aria-labelledby="event-jobs-heading">
      <h2 id="event-jobs-heading">{t('job.heading')}</h2>
      {jobs.slice(0, 5).map((job) => (
        <JobProgress key={job.id} job={job} onSettled={onSettled} />
      ))}
    </section>
  );
}
