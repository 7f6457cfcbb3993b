import { useState, type FormEvent } from 'react';
import { api, type EventInput, type Group, type HearthEvent } from '../api';
import {
  draftToInput,
  emptyDraft,
  EventFields,
  hasTimeProblems,
  type EventDraft,
} from '../components/event-form';
import {
  AudienceChooser,
  emptyAudience,
  isEmptyChoice,
  toAudience,
  type AudienceChoice,
} from '../components/audience-chooser';
import { Badge, ErrorSummary, Field, Loading, TimeZoneSelect } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { addDays, wallTimeOf } from '../zoned-time';
import { EVENT_STATUS_TONE } from './event';

/** A group's events: upcoming first, then the recent past; a standalone event can be added here. */
export function GroupEventsSection({ group }: { group: Group }) {
  const { t } = useI18n();
  const [now] = useState(() => new Date().toISOString());
  const upcoming = useResource(() => api.groupEvents(group.slug, { from: now }), `events:${group.slug}:up`);
  const past = useResource(
    () =>
      api.groupEvents(group.slug, {
        from: new Date(Date.parse(now) - 90 * 86_400_000).toISOString(),
        to: now,
      }),
    `events:${group.slug}:past`,
  );
  const ended = (past.data?.items ?? []).filter((e) => Date.parse(e.endsAt) < Date.parse(now)).reverse();
  return (
    <>
      <div className="toolbar">
        <Link to={`/calendar?group=${encodeURIComponent(group.slug)}`} className="button secondary">
          {t('events.calendarView')}
        </Link>
        <a href={`/groups/${encodeURIComponent(group.slug)}`} className="button secondary">
          {t('events.publicPage')}
        </a>
      </div>
      {group.permissions.edit ? <NewEventForm group={group} /> : null}
      <section className="card" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('events.upcoming')}</h2>
        {upcoming.loading && !upcoming.data ? <Loading /> : null}
        <ErrorSummary error={upcoming.error} />
        {upcoming.data && upcoming.data.items.length === 0 ? (
          <p className="muted">{t('events.noneUpcoming')}</p>
        ) : null}
        {upcoming.data && upcoming.data.items.length > 0 ? <EventList events={upcoming.data.items} /> : null}
      </section>
      {ended.length > 0 ? (
        <section className="card" aria-labelledby="past-heading">
          <h2 id="past-heading">{t('events.past')}</h2>
          <EventList events={ended} />
        </section>
      ) : null}
    </>
  );
}

export function EventList({ events }: { events: HearthEvent[] }) {
  const { t, formatEventRange } = useI18n();
  return (
    <ul className="item-list">
      {events.map((e) => (
        <li key={e.id} data-event={e.id}>
          <Link to={`/events/${encodeURIComponent(e.id)}`} className="item-title">
            <bdi>{e.title}</bdi>
          </Link>
          <span className="meta">{formatEventRange(e.startsAt, e.endsAt, e.timezone)}</span>
          <span className="badges">
            <Badge tone="role">{t(`kind.${e.kind}`)}</Badge>
            {e.status !== 'scheduled' ? (
              <Badge tone={EVENT_STATUS_TONE[e.status] ?? 'queued'}>{t(`eventStatus.${e.status}`)}</Badge>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function NewEventForm({ group }: { group: Group }) {
  const { t } = useI18n();
  const [zone, setZone] = useState(group.timezone);
  const [draft, setDraft] = useState<EventDraft>(() =>
    emptyDraft(
      'virtual_networking',
      '',
      addDays(wallTimeOf(Date.now(), group.timezone).date, 7),
      '19:00',
      '20:00',
    ),
  );
  const [audience, setAudience] = useState<AudienceChoice>(() => emptyAudience());
  const create = useAction((input: EventInput, choice: AudienceChoice) =>
    api.createEvent(group.slug, input, isEmptyChoice(choice, false) ? undefined : toAudience(choice, false)),
  );
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = draftToInput(draft, zone);
    if (!input || hasTimeProblems(draft, zone)) return;
    const created = await create.run(input, audience);
    if (created) navigate(`/events/${encodeURIComponent(created.id)}`);
  };
  return (
    <details className="card disclosure">
      <summary>
        <span className="summary-title">{t('events.new')}</span>
        <span className="hint">{t('events.newHint')}</span>
      </summary>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label={t('eventForm.timezone')} name="timezone" error={create.error}>
          {(c) => <TimeZoneSelect name="timezone" value={zone} onChange={setZone} control={c} />}
        </Field>
        <EventFields draft={draft} zone={zone} onChange={setDraft} error={create.error} idPrefix="new" />
        <AudienceChooser
          choice={audience}
          onChange={setAudience}
          withTopic={false}
          preview={(a) => api.groupAudiencePreview(group.slug, a)}
          error={create.error}
        />
        <ErrorSummary error={create.error} />
        <button type="submit" disabled={create.pending}>
          {t('events.create')}
        </button>
      </form>
    </details>
  );
}
