import { ACCESSIBILITY_FLAGS, eventIcsUrl, memberEventUrl, type HearthEvent } from '../../api';
import { hasVenue } from '../../components/event-form';
import { useI18n } from '../../i18n';
import { Link } from '../../router';

export function EventSummary({ event }: { event: HearthEvent }) {
  const { t, formatEventRange, formatDateTime } = useI18n();
  const access = ACCESSIBILITY_FLAGS.filter((flag) => typeof event.accessibility[flag] === 'boolean');
  return (
    <section className="card" aria-labelledby="event-summary">
      <h2 id="event-summary">{t('event.summary')}</h2>
      <dl className="details two-col">
        <div>
          <dt>{t('event.when')}</dt>
          <dd data-testid="event-when">
            <bdi>{formatEventRange(event.startsAt, event.endsAt, event.timezone)}</bdi>{' '}
            <span className="muted" dir="ltr">
              {event.timezone}
            </span>
          </dd>
        </div>
        {hasVenue(event.kind) ? (
          <div>
            <dt>{t('event.where')}</dt>
            <Where event={event} />
          </div>
        ) : null}
        {event.kind !== 'in_person' ? (
          <div>
            <dt>{t('eventForm.joinUrl')}</dt>
            <dd dir="ltr" className="wrap">
              {event.joinUrl ?? t('common.none')}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{hasVenue(event.kind) ? t('eventForm.whoSeesAddress') : t('eventForm.whoSeesLink')}</dt>
          <dd>{t(`locationVisibility.${event.locationVisibility ?? 'attendees'}`)}</dd>
        </div>
        <div>
          <dt>{t('eventForm.capacity')}</dt>
          <dd>
            {event.capacity ?? t('event.noLimit')}
            {event.kind === 'hybrid'
              ? ` · ${t('eventForm.onlineCapacity')}: ${event.onlineCapacity ?? t('event.noLimit')}`
              : ''}
            {event.waitlistEnabled ? ` · ${t('event.waitlistOn')}` : ''}
            {event.approvalRequired ? ` · ${t('event.approvalOn')}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('eventForm.attendeeVisibility')}</dt>
          <dd>{t(`attendeeVisibility.${event.attendeeVisibility ?? 'organizers'}`)}</dd>
        </div>
        {access.length > 0 || event.accessibility.notes ? (
          <div>
            <dt>{t('eventForm.accessibility')}</dt>
            <dd>
              {access
                .map(
                  (flag) =>
                    `${t(`access.${flag}`)}: ${t('eventForm.accessStated', { stated: event.accessibility[flag] ? 'yes' : 'no' })}`,
                )
                .join(' · ')}
              {event.accessibility.notes ? <p className="prewrap">{event.accessibility.notes}</p> : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('event.sequence')}</dt>
          <dd>{event.sequence}</dd>
        </div>
        {event.rsvpClosesAt ? (
          <div>
            <dt>{t('event.rsvpCloses')}</dt>
            <dd>{formatDateTime(event.rsvpClosesAt)}</dd>
          </div>
        ) : null}
      </dl>
      {event.description ? <p className="prewrap">{event.description}</p> : null}
      <EventLinks event={event} />
    </section>
  );
}

/** The member page, the .ics file and the topic the event came from. */
function EventLinks({ event }: { event: HearthEvent }) {
  const { t } = useI18n();
  return (
    <p className="link-row">
      <a href={memberEventUrl(event.id)}>{t('event.memberPage')}</a>
      <a href={eventIcsUrl(event.id)} download="event.ics">
        {t('event.downloadIcs')}
      </a>
      {event.topicId ? (
        <Link to={`/topics/${encodeURIComponent(event.topicId)}`}>{t('event.topic')}</Link>
      ) : null}
    </p>
  );
}

/** Venue name and address, each isolated (bdi) so an address keeps its order in an Arabic page. */
function Where({ event }: { event: HearthEvent }) {
  const { t } = useI18n();
  const parts = [event.venueName, event.venueAddress, event.city].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return <dd>{t('common.none')}</dd>;
  return (
    <dd data-testid="event-where">
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 ? ', ' : null}
          <bdi>{part}</bdi>
        </span>
      ))}
    </dd>
  );
}
