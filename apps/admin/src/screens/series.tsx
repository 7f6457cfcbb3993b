import { useCallback, useState } from 'react';
import { api, type HearthEvent } from '../api';
import { EventJobs } from '../components/job-progress';
import { Badge, ErrorSummary, Loading, Notice, Page } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { EVENT_STATUS_TONE } from './event';

export interface RsvpCounts {
  going: number;
  waitlisted: number;
  pending: number;
}

/** Going seats (with guests), waitlisted and pending people of an event; organizers only. */
export async function rsvpCounts(eventId: string): Promise<RsvpCounts> {
  const list = await api.attendees(eventId);
  return {
    going: list.goingCount ?? 0,
    waitlisted: list.items.filter((a) => a.status === 'waitlisted').length,
    pending: list.items.filter((a) => a.status === 'pending_approval').length,
  };
}

/** A series as scheduled: its events in order, and how many calendars each reaches. */
export function SeriesScreen({ id, justScheduled }: { id: string; justScheduled: boolean }) {
  const { t } = useI18n();
  const series = useResource(() => api.series(id), `series:${id}`);
  const first = series.data?.events[0];
  return (
    <Page title={series.data?.title ?? t('series.title')}>
      {first ? (
        <p className="breadcrumb">
          <Link to={`/groups/${encodeURIComponent(first.group.slug)}/events`}>{first.group.name}</Link>
          {series.data?.topicId ? (
            <>
              {' › '}
              <Link to={`/topics/${encodeURIComponent(series.data.topicId)}`}>{t('event.topic')}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {justScheduled ? <Notice>{t('series.scheduled')}</Notice> : null}
      {series.loading && !series.data ? <Loading /> : null}
      <ErrorSummary error={series.error} />
      {series.data?.description ? <p className="prewrap">{series.data.description}</p> : null}
      {series.data ? (
        <ol className="timeline">
          {series.data.events.map((e, i) => (
            <SeriesEvent key={e.id} event={e} index={i} />
          ))}
        </ol>
      ) : null}
      {series.data && first ? <SeriesFeed seriesId={series.data.id} groupSlug={first.group.slug} /> : null}
    </Page>
  );
}

function SeriesEvent({ event, index }: { event: HearthEvent; index: number }) {
  const { t, formatEventRange } = useI18n();
  const organizer = event.permissions.edit;
  // Invitations go out in a background job: the count is read again when it finishes.
  const [settled, setSettled] = useState(0);
  const onSettled = useCallback(() => setSettled((n) => n + 1), []);
  const counts = useResource(
    () => (organizer ? rsvpCounts(event.id) : Promise.resolve(null)),
    `counts:${event.id}:${organizer}`,
  );
  const calendars = useResource(
    () =>
      organizer && event.status === 'scheduled'
        ? api.updatePreview(event.id).then((p) => p.calendarsToUpdate)
        : Promise.resolve(null),
    `calendars:${event.id}:${organizer}:${settled}`,
  );
  return (
    <li className="card timeline-item" data-event={event.id} data-kind={event.kind}>
      <div className="card-head">
        <h2>
          <span className="step-number" aria-hidden="true">
            {index + 1}
          </span>
          <Link to={`/events/${encodeURIComponent(event.id)}`}>{event.title}</Link>
        </h2>
        <span className="badges">
          <Badge tone="role">{t(`kind.${event.kind}`)}</Badge>
          <Badge tone={EVENT_STATUS_TONE[event.status] ?? 'queued'}>{t(`eventStatus.${event.status}`)}</Badge>
        </span>
      </div>
      <p className="meta">{formatEventRange(event.startsAt, event.endsAt, event.timezone)}</p>
      {counts.data ? (
        <ul className="stat-row" aria-label={t('dashboard.counts')}>
          <li>
            <strong>{counts.data.going}</strong> {t('stat.going')}
          </li>
          <li>
            <strong>{counts.data.waitlisted}</strong> {t('stat.waitlisted')}
          </li>
          <li>
            <strong>{counts.data.pending}</strong> {t('stat.pending')}
          </li>
          {calendars.data !== null && calendars.data !== undefined ? (
            <li data-testid="invited">
              <strong>{calendars.data}</strong> {t('stat.calendars')}
            </li>
          ) : null}
        </ul>
      ) : null}
      {organizer ? <EventJobs eventId={event.id} version="" onSettled={onSettled} /> : null}
    </li>
  );
}

/** Feeds carry public information only, so a private group's series has none to offer. */
function SeriesFeed({ seriesId, groupSlug }: { seriesId: string; groupSlug: string }) {
  const { t } = useI18n();
  const group = useResource(() => api.group(groupSlug), `group:${groupSlug}`);
  if (!group.data) return null;
  if (group.data.visibility === 'private') return <p className="muted">{t('series.noFeedPrivate')}</p>;
  return (
    <p className="link-row">
      <a href={`/api/feeds/series/${encodeURIComponent(seriesId)}.ics`}>{t('series.feed')}</a>
      <span className="muted">{t('series.feedNote')}</span>
    </p>
  );
}
