import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  ACCESSIBILITY_FLAGS,
  api,
  attendeesCsvUrl,
  eventIcsUrl,
  isEvent,
  memberEventUrl,
  RSVP_SOURCES,
  RSVP_STATUSES,
  type ApiError,
  type Attendee,
  type EventInput,
  type HearthEvent,
  type OrganizerAction,
  type RsvpStatus,
} from '../api';
import {
  draftFromEvent,
  draftToInput,
  EventFields,
  hasTimeProblems,
  hasVenue,
  type EditContext,
  type EventDraft,
} from '../components/event-form';
import {
  Badge,
  ErrorSummary,
  Field,
  Loading,
  Notice,
  Page,
  SectionNav,
  TimeZoneSelect,
} from '../components/ui';
import { useAction, useResource } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';

export type EventSection = 'details' | 'rsvps';

export const EVENT_STATUS_TONE: Record<string, string> = {
  draft: 'queued',
  scheduled: 'active',
  cancelled: 'banned',
};

export const RSVP_TONE: Record<RsvpStatus, string> = {
  going: 'active',
  maybe: 'queued',
  declined: 'private',
  waitlisted: 'pending',
  pending_approval: 'pending',
};

/** Tab labels, in tab order; "declined" also holds nobody else. */
const RSVP_TAB_LABEL: Record<RsvpStatus, MessageKey> = {
  going: 'rsvps.tab.going',
  waitlisted: 'rsvps.tab.waitlisted',
  pending_approval: 'rsvps.tab.pending_approval',
  maybe: 'rsvps.tab.maybe',
  declined: 'rsvps.tab.declined',
};

export function EventScreen({
  id,
  section,
  status,
}: {
  id: string;
  section: EventSection;
  status?: RsvpStatus;
}) {
  const { t } = useI18n();
  const loaded = useResource(() => api.event(id), `event:${id}`);
  const [event, setEvent] = useState<HearthEvent | undefined>(undefined);
  useEffect(() => setEvent(loaded.data), [loaded.data]);
  const base = `/events/${encodeURIComponent(id)}`;
  const current = event ?? loaded.data;

  return (
    <Page
      title={current?.title ?? t('event.title')}
      actions={
        current ? (
          <p className="badges">
            <Badge tone="role">{t(`kind.${current.kind}`)}</Badge>
            <Badge tone={EVENT_STATUS_TONE[current.status] ?? 'queued'}>
              {t(`eventStatus.${current.status}`)}
            </Badge>
          </p>
        ) : null
      }
    >
      {current ? (
        <p className="breadcrumb">
          <Link to={`/groups/${encodeURIComponent(current.group.slug)}/events`}>{current.group.name}</Link>
          {current.seriesId ? (
            <>
              {' › '}
              <Link to={`/series/${encodeURIComponent(current.seriesId)}`}>{t('event.series')}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <SectionNav
        label={t('event.sections')}
        current={section === 'details' ? base : `${base}/rsvps`}
        items={[
          { to: base, label: t('event.tab.details') },
          { to: `${base}/rsvps`, label: t('event.tab.rsvps') },
        ]}
      />
      {loaded.loading && !current ? <Loading /> : null}
      <ErrorSummary error={loaded.error} />
      {current && section === 'details' ? (
        <EventDetails event={current} onChanged={(e) => (e ? setEvent(e) : loaded.reload())} />
      ) : null}
      {current && section === 'rsvps' ? <RsvpsSection event={current} status={status ?? 'going'} /> : null}
    </Page>
  );
}

function EventSummary({ event }: { event: HearthEvent }) {
  const { t, formatEventRange, formatDateTime } = useI18n();
  const access = ACCESSIBILITY_FLAGS.filter((flag) => event.accessibility[flag] === true);
  return (
    <section className="card" aria-labelledby="event-summary">
      <h2 id="event-summary">{t('event.summary')}</h2>
      <dl className="details two-col">
        <div>
          <dt>{t('event.when')}</dt>
          <dd data-testid="event-when">
            {formatEventRange(event.startsAt, event.endsAt, event.timezone)}{' '}
            <span className="muted" dir="ltr">
              {event.timezone}
            </span>
          </dd>
        </div>
        {hasVenue(event.kind) ? (
          <div>
            <dt>{t('event.where')}</dt>
            <dd>{[event.venueName, event.venueAddress].filter(Boolean).join(', ') || t('common.none')}</dd>
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
              {access.map((flag) => t(`access.${flag}`)).join(' · ')}
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
      <p className="link-row">
        <a href={memberEventUrl(event.id)}>{t('event.memberPage')}</a>
        <a href={eventIcsUrl(event.id)} download="event.ics">
          {t('event.downloadIcs')}
        </a>
        {event.topicId ? (
          <Link to={`/topics/${encodeURIComponent(event.topicId)}`}>{t('event.topic')}</Link>
        ) : null}
      </p>
    </section>
  );
}

const MATERIAL: ReadonlyArray<keyof EventInput> = [
  'title',
  'startsAt',
  'endsAt',
  'timezone',
  'venueName',
  'venueAddress',
  'joinUrl',
];

const same = (key: keyof EventInput, a: unknown, b: unknown): boolean =>
  key === 'startsAt' || key === 'endsAt'
    ? new Date(String(a)).getTime() === new Date(String(b)).getTime()
    : JSON.stringify(a) === JSON.stringify(b);

/** Only what the organizer changed, so an edit never rewrites fields they did not touch. */
function changedFields(before: EventInput, after: EventInput): Partial<EventInput> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof EventInput>) {
    if (!same(key, before[key], after[key])) changes[key] = after[key];
  }
  return changes;
}

type Pending = { changes: Partial<EventInput>; material: boolean; calendars: number };

function EventDetails({ event, onChanged }: { event: HearthEvent; onChanged: (e?: HearthEvent) => void }) {
  const { t } = useI18n();
  // Kept here: the form below remounts with the saved event, the confirmation stays.
  const [saved, setSaved] = useState<{ calendars: number } | null>(null);
  return (
    <>
      {saved ? (
        <Notice>
          {saved.calendars > 0 ? t('event.savedUpdating', { n: saved.calendars }) : t('event.saved')}
        </Notice>
      ) : null}
      <EventSummary event={event} />
      {event.permissions.edit && event.status !== 'cancelled' ? (
        <>
          <EditEvent
            key={`${event.id}:${event.sequence}:${event.startsAt}:${event.endsAt}`}
            event={event}
            onEditing={() => setSaved(null)}
            onSaved={(e, calendars) => {
              setSaved({ calendars });
              onChanged(e);
            }}
          />
          <CancelEvent event={event} onCancelled={onChanged} />
        </>
      ) : null}
    </>
  );
}

function EditEvent({
  event,
  onSaved,
  onEditing,
}: {
  event: HearthEvent;
  onSaved: (e: HearthEvent | undefined, calendars: number) => void;
  onEditing: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<EventDraft>(() => draftFromEvent(event));
  const [zone, setZone] = useState(event.timezone);
  const [scope, setScope] = useState<'this' | 'following'>('this');
  const [pending, setPending] = useState<Pending | null>(null);
  const original = useMemo(() => draftToInput(draftFromEvent(event), event.timezone), [event]);
  // Published events have sent their invitations (the API checks the invitations themselves).
  const edit = useMemo<EditContext>(
    () => ({
      before: { startsAt: event.startsAt, endsAt: event.endsAt },
      invited: event.status === 'scheduled',
    }),
    [event],
  );
  const preview = useAction((eventId: string) => api.updatePreview(eventId));
  const save = useAction((changes: Partial<EventInput>, s: 'this' | 'following') =>
    api.updateEvent(event.id, s === 'following' ? { ...changes, scope: s } : changes),
  );

  const review = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    onEditing();
    const input = draftToInput(draft, zone);
    if (!input || !original || hasTimeProblems(draft, zone, edit)) return;
    const changes = changedFields(original, input);
    if (Object.keys(changes).length === 0) {
      setPending({ changes, material: false, calendars: 0 });
      return;
    }
    const material = MATERIAL.some((k) => k in changes);
    const count =
      material && event.status === 'scheduled' ? await preview.run(event.id) : { calendarsToUpdate: 0 };
    if (count)
      setPending({
        changes,
        material: material && event.status === 'scheduled',
        calendars: count.calendarsToUpdate,
      });
  };

  const confirm = async (): Promise<void> => {
    if (!pending) return;
    const result = await save.run(pending.changes, scope);
    if (result) {
      setPending(null);
      onSaved(
        scope === 'this' && isEvent(result) ? result : undefined,
        pending.material ? pending.calendars : 0,
      );
    }
  };

  const nothing = pending !== null && Object.keys(pending.changes).length === 0;
  return (
    <section className="card" aria-labelledby="edit-event">
      <h2 id="edit-event">{t('event.edit')}</h2>
      <form className="form" onSubmit={(e) => void review(e)} aria-describedby="edit-event-intro">
        <p id="edit-event-intro" className="muted">
          {t('event.editIntro')}
        </p>
        <Field label={t('eventForm.timezone')} name="timezone" error={save.error}>
          {(c) => (
            <TimeZoneSelect
              name="timezone"
              value={zone}
              onChange={(z) => {
                setZone(z);
                setPending(null);
              }}
              control={c}
            />
          )}
        </Field>
        <EventFields
          draft={draft}
          zone={zone}
          onChange={(d) => {
            setDraft(d);
            setPending(null);
          }}
          error={save.error}
          idPrefix="edit"
          edit={edit}
        />
        {event.seriesId ? (
          <fieldset className="choices compact">
            <legend>{t('event.scope')}</legend>
            {(['this', 'following'] as const).map((s) => (
              <label key={s} className="choice">
                <input
                  type="radio"
                  name="scope"
                  value={s}
                  checked={scope === s}
                  onChange={() => {
                    setScope(s);
                    setPending(null);
                  }}
                />
                <span>{t(`event.scope.${s}`)}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <ErrorSummary error={preview.error} />
        {!pending ? (
          <button type="submit" disabled={preview.pending}>
            {preview.pending ? t('event.checking') : t('event.review')}
          </button>
        ) : null}
      </form>
      {pending ? (
        <div
          className="confirm-panel"
          role="region"
          aria-labelledby="confirm-heading"
          data-testid="update-confirm"
        >
          <FocusedHeading id="confirm-heading">
            {nothing
              ? t('event.noChanges')
              : pending.material
                ? t('event.willUpdate', { n: pending.calendars })
                : t('event.noCalendarChange')}
          </FocusedHeading>
          {!nothing && pending.material ? <p className="muted">{t('event.willUpdateWhy')}</p> : null}
          <ErrorSummary error={save.error} />
          <div className="button-row">
            {!nothing ? (
              <button type="button" onClick={() => void confirm()} disabled={save.pending}>
                {save.pending
                  ? t('common.saving')
                  : pending.material && pending.calendars > 0
                    ? t('event.saveAndUpdate', { n: pending.calendars })
                    : t('common.save')}
              </button>
            ) : null}
            <button type="button" className="secondary" onClick={() => setPending(null)}>
              {t('event.keepEditing')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** Comments, delegations and proposed new times that came with calendar replies: for organizers only. */
function ReplyNotes({ eventId }: { eventId: string }) {
  const { t, formatDateTime } = useI18n();
  const notes = useResource(() => api.inboundNotes(eventId), `notes:${eventId}`);
  if (!notes.data || notes.data.length === 0) return null;
  return (
    <section className="reply-notes" aria-labelledby="reply-notes-heading">
      <h3 id="reply-notes-heading">{t('rsvps.notes')}</h3>
      <ul className="item-list">
        {notes.data.map((n) => (
          <li key={n.messageId}>
            <strong>{n.invitee?.displayName ?? t('common.none')}</strong>
            <Badge tone="queued">{t(`note.${n.kind}`)}</Badge>
            {n.comment ? (
              <span className="prewrap" dir="auto">
                “{n.comment}”
              </span>
            ) : null}
            {n.delegatedTo?.length ? <span dir="ltr">→ {n.delegatedTo.join(', ')}</span> : null}
            <span className="meta">{formatDateTime(n.receivedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A heading that takes focus when it appears, so the question it asks is read out next. */
function FocusedHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h3 id={id} tabIndex={-1} ref={ref}>
      {children}
    </h3>
  );
}

function CancelEvent({ event, onCancelled }: { event: HearthEvent; onCancelled: (e?: HearthEvent) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<number | null>(null);
  const preview = useAction((eventId: string) => api.updatePreview(eventId));
  const cancel = useAction((eventId: string) => api.cancelEvent(eventId));
  const ask = async (): Promise<void> => {
    const count = event.status === 'scheduled' ? await preview.run(event.id) : { calendarsToUpdate: 0 };
    if (count) setAsking(count.calendarsToUpdate);
  };
  return (
    <section className="card danger-zone" aria-labelledby="cancel-event">
      <h2 id="cancel-event">{t('event.cancelHeading')}</h2>
      <p className="muted">{t('event.cancelIntro')}</p>
      <ErrorSummary error={preview.error ?? cancel.error} />
      {asking === null ? (
        <button type="button" className="danger" onClick={() => void ask()} disabled={preview.pending}>
          {t('event.cancel')}
        </button>
      ) : (
        <div className="confirm-panel">
          <FocusedHeading id="cancel-confirm">{t('event.cancelConfirm', { n: asking })}</FocusedHeading>
          <div className="button-row">
            <button
              type="button"
              className="danger"
              disabled={cancel.pending}
              onClick={() =>
                void cancel.run(event.id).then((e) => {
                  if (e) onCancelled(e);
                })
              }
            >
              {t('event.cancelYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(null)}>
              {t('event.cancelNo')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** Which organizer actions make sense for an RSVP in each status (the API enforces the same). */
const ACTIONS_BY_STATUS: Record<RsvpStatus, OrganizerAction[]> = {
  going: ['check-in', 'remove'],
  waitlisted: ['promote', 'remove'],
  pending_approval: ['approve', 'reject'],
  maybe: ['remove'],
  declined: [],
};

const ACTION_LABEL: Record<OrganizerAction, MessageKey> = {
  approve: 'rsvps.approve',
  reject: 'rsvps.reject',
  promote: 'rsvps.promote',
  remove: 'rsvps.remove',
  'check-in': 'rsvps.checkIn',
};

type OnBehalfAnswer = 'going' | 'maybe' | 'declined';
const ON_BEHALF_ANSWERS: readonly OnBehalfAnswer[] = ['going', 'maybe', 'declined'];

/**
 * An organizer sets someone's answer for them (told by phone, say): the same RSVP rules as the web,
 * recorded with source "organizer" in the history.
 */
function OnBehalf({
  attendee,
  current,
  disabled,
  onSet,
}: {
  attendee: Attendee;
  current: RsvpStatus;
  disabled: boolean;
  onSet: (answer: OnBehalfAnswer) => void;
}) {
  const { t } = useI18n();
  const initial = ON_BEHALF_ANSWERS.find((a) => a !== current) ?? 'going';
  const [answer, setAnswer] = useState<OnBehalfAnswer>(initial);
  const id = `on-behalf-${attendee.userId}`;
  return (
    <span className="on-behalf">
      <label htmlFor={id} className="visually-hidden">
        {t('onBehalf.label', { name: attendee.displayName })}
      </label>
      <select id={id} value={answer} onChange={(e) => setAnswer(e.target.value as OnBehalfAnswer)}>
        {ON_BEHALF_ANSWERS.map((a) => (
          <option key={a} value={a}>
            {t(`rsvpStatus.${a}`)}
          </option>
        ))}
      </select>
      <button type="button" className="small secondary" disabled={disabled} onClick={() => onSet(answer)}>
        {t('onBehalf.set')}
        <span className="visually-hidden"> {attendee.displayName}</span>
      </button>
    </span>
  );
}

function RsvpsSection({ event, status }: { event: HearthEvent; status: RsvpStatus }) {
  const { t, formatDateTime } = useI18n();
  const list = useResource(() => api.attendees(event.id), `attendees:${event.id}`);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; error: ApiError | null } | null>(null);
  const base = `/events/${encodeURIComponent(event.id)}/rsvps`;
  const byStatus = useMemo(() => {
    const groups = new Map<RsvpStatus, Attendee[]>(RSVP_STATUSES.map((s) => [s, []]));
    for (const a of list.data?.items ?? []) groups.get(a.status)?.push(a);
    return groups;
  }, [list.data]);
  const rows = byStatus.get(status) ?? [];
  const showMode = event.kind === 'hybrid';
  const questions = event.questions;

  /** Runs one organizer change for a person and says what became of their answer. */
  const change = async (
    a: Attendee,
    doneKey: 'onBehalf.done' | 'rsvps.done',
    run: () => Promise<{ status: Attendee['status'] }>,
  ): Promise<void> => {
    setBusy(a.userId);
    setOutcome(null);
    try {
      const result = await run();
      setOutcome({
        text: t(doneKey, { name: a.displayName, status: t(`rsvpStatus.${result.status}`) }),
        error: null,
      });
    } catch (error) {
      setOutcome({ text: t('rsvps.failed', { name: a.displayName }), error: error as ApiError });
    } finally {
      setBusy(null);
      list.reload();
    }
  };
  const setAnswer = (a: Attendee, answer: OnBehalfAnswer): Promise<void> =>
    change(a, 'onBehalf.done', () => api.setRsvpOnBehalf(event.id, a.userId, answer));
  const act = (a: Attendee, action: OrganizerAction): Promise<void> =>
    change(a, 'rsvps.done', () => api.rsvpAction(event.id, a.userId, action));

  if (!event.permissions.edit) {
    return <p className="muted">{t('rsvps.organizersOnly')}</p>;
  }
  return (
    <section className="card" aria-labelledby="rsvps-heading">
      <div className="card-head">
        <h2 id="rsvps-heading">{t('event.tab.rsvps')}</h2>
        <div className="button-row">
          <button type="button" className="secondary small" onClick={list.reload} disabled={list.loading}>
            {t('common.refresh')}
          </button>
          <a className="button secondary small" href={attendeesCsvUrl(event.id)} download>
            {t('rsvps.csv')}
          </a>
        </div>
      </div>
      {list.data ? (
        <p className="muted" data-testid="seats">
          {event.capacity !== null
            ? t('rsvps.seatsOf', { n: list.data.goingCount ?? 0, capacity: event.capacity })
            : t('rsvps.seats', { n: list.data.goingCount ?? 0 })}
        </p>
      ) : null}
      <nav className="tabs" aria-label={t('rsvps.tabs')}>
        <ul>
          {RSVP_STATUSES.map((s) => (
            <li key={s}>
              <Link
                to={`${base}?status=${s}`}
                aria-current={s === status ? 'page' : undefined}
                data-status={s}
              >
                {t(RSVP_TAB_LABEL[s])} <span className="count">{byStatus.get(s)?.length ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorSummary error={list.error} />
      {outcome?.error ? <ErrorSummary error={outcome.error} title={outcome.text} /> : null}
      {outcome && !outcome.error ? <Notice>{outcome.text}</Notice> : null}
      {list.data && rows.length === 0 ? <p className="muted">{t('rsvps.empty')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="rsvps" data-status={status}>
            <caption className="visually-hidden">{t(RSVP_TAB_LABEL[status])}</caption>
            <thead>
              <tr>
                {status === 'waitlisted' ? <th scope="col">{t('rsvps.position')}</th> : null}
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('rsvps.guests')}</th>
                {showMode ? <th scope="col">{t('rsvps.mode')}</th> : null}
                {questions.map((q) => (
                  <th scope="col" key={q.id}>
                    {q.label}
                  </th>
                ))}
                <th scope="col">{t('rsvps.source')}</th>
                <th scope="col">{t('rsvps.updated')}</th>
                {status === 'going' ? <th scope="col">{t('rsvps.checkedIn')}</th> : null}
                <th scope="col">{t('members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.userId} data-user={a.userId} aria-busy={busy === a.userId || undefined}>
                  {status === 'waitlisted' ? <td className="num">{a.waitlistPosition ?? ''}</td> : null}
                  <th scope="row">
                    {a.displayName}
                    {a.pronouns ? <span className="muted"> ({a.pronouns})</span> : null}
                  </th>
                  <td data-label={t('rsvps.guests')} className="num">
                    {a.guests}
                  </td>
                  {showMode ? <td>{a.mode ? t(`mode.${a.mode}`) : t('common.none')}</td> : null}
                  {questions.map((q) => (
                    <td key={q.id} dir="auto">
                      {a.answers[q.id] ?? t('common.none')}
                    </td>
                  ))}
                  <td data-label={t('rsvps.source')}>
                    <Badge tone="queued">
                      {RSVP_SOURCES.includes(a.source) ? t(`source.${a.source}`) : a.source}
                    </Badge>
                  </td>
                  <td data-label={t('rsvps.updated')}>{formatDateTime(a.updatedAt)}</td>
                  {status === 'going' ? (
                    <td data-label={t('rsvps.checkedIn')}>
                      {a.checkedInAt ? formatDateTime(a.checkedInAt) : t('common.none')}
                    </td>
                  ) : null}
                  <td className="actions">
                    <OnBehalf
                      attendee={a}
                      current={status}
                      disabled={busy !== null}
                      onSet={(answer) => void setAnswer(a, answer)}
                    />
                    {ACTIONS_BY_STATUS[status]
                      .filter((action) => action !== 'check-in' || !a.checkedInAt)
                      .map((action) => (
                        <button
                          key={action}
                          type="button"
                          className={
                            action === 'remove' || action === 'reject' ? 'small danger' : 'small secondary'
                          }
                          disabled={busy !== null}
                          onClick={() => void act(a, action)}
                        >
                          {t(ACTION_LABEL[action])}
                          <span className="visually-hidden"> {a.displayName}</span>
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ReplyNotes eventId={event.id} />
    </section>
  );
}
