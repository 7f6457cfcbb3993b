import { useMemo, useState } from 'react';
import {
  api,
  attendeesCsvUrl,
  RSVP_STATUSES,
  type ApiError,
  type Attendee,
  type HearthEvent,
  type RsvpStatus,
} from '../../api';
import { ErrorSummary, Loading, Notice } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import type { OnBehalfAnswer } from './on-behalf';
import { ReplyNotes } from './reply-notes';
import { RsvpTable, type RsvpChanges } from './rsvp-table';

/** Tab labels, in tab order; "declined" also holds nobody else. */
export const RSVP_TAB_LABEL: Record<RsvpStatus, MessageKey> = {
  going: 'rsvps.tab.going',
  waitlisted: 'rsvps.tab.waitlisted',
  pending_approval: 'rsvps.tab.pending_approval',
  maybe: 'rsvps.tab.maybe',
  declined: 'rsvps.tab.declined',
};

type Outcome = { text: string; error: ApiError | null };

/** Organizer changes to people's RSVPs, one at a time, each saying what became of the answer. */
function useRsvpChanges(eventId: string, reload: () => void): RsvpChanges & { outcome: Outcome | null } {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
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
      reload();
    }
  };
  return {
    busy,
    outcome,
    setAnswer: (a: Attendee, answer: OnBehalfAnswer) =>
      change(a, 'onBehalf.done', () => api.setRsvpOnBehalf(eventId, a.userId, answer)),
    act: (a, action) => change(a, 'rsvps.done', () => api.rsvpAction(eventId, a.userId, action)),
  };
}

export function RsvpsSection({ event, status }: { event: HearthEvent; status: RsvpStatus }) {
  const { t } = useI18n();
  const list = useResource(() => api.attendees(event.id), `attendees:${event.id}`);
  const changes = useRsvpChanges(event.id, list.reload);
  const { outcome } = changes;
  const byStatus = useMemo(() => {
    const groups = new Map<RsvpStatus, Attendee[]>(RSVP_STATUSES.map((s) => [s, []]));
    for (const a of list.data?.items ?? []) groups.get(a.status)?.push(a);
    return groups;
  }, [list.data]);
  const rows = byStatus.get(status) ?? [];

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
      <RsvpTabs eventId={event.id} status={status} byStatus={byStatus} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorSummary error={list.error} />
      {outcome?.error ? <ErrorSummary error={outcome.error} title={outcome.text} /> : null}
      {outcome && !outcome.error ? <Notice>{outcome.text}</Notice> : null}
      {list.data && rows.length === 0 ? <p className="muted">{t('rsvps.empty')}</p> : null}
      {rows.length > 0 ? (
        <RsvpTable
          event={event}
          status={status}
          rows={rows}
          label={t(RSVP_TAB_LABEL[status])}
          changes={changes}
        />
      ) : null}
      <ReplyNotes eventId={event.id} />
    </section>
  );
}

/** One tab per RSVP status, with how many people are in it. */
function RsvpTabs({
  eventId,
  status,
  byStatus,
}: {
  eventId: string;
  status: RsvpStatus;
  byStatus: Map<RsvpStatus, Attendee[]>;
}) {
  const { t } = useI18n();
  const base = `/events/${encodeURIComponent(eventId)}/rsvps`;
  return (
    <nav className="tabs" aria-label={t('rsvps.tabs')}>
      <ul>
        {RSVP_STATUSES.map((s) => (
          <li key={s}>
            <Link to={`${base}?status=${s}`} aria-current={s === status ? 'page' : undefined} data-status={s}>
              {t(RSVP_TAB_LABEL[s])} <span className="count">{byStatus.get(s)?.length ?? 0}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
