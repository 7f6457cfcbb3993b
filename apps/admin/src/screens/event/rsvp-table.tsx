import {
  RSVP_SOURCES,
  type Attendee,
  type HearthEvent,
  type OrganizerAction,
  type RsvpStatus,
} from '../../api';
import { Badge } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { OnBehalf, type OnBehalfAnswer } from './on-behalf';

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

/** What a row may do to a person's RSVP, and whose change is running. */
export interface RsvpChanges {
  busy: string | null;
  setAnswer: (a: Attendee, answer: OnBehalfAnswer) => Promise<void>;
  act: (a: Attendee, action: OrganizerAction) => Promise<void>;
}

interface TableProps {
  event: HearthEvent;
  status: RsvpStatus;
  changes: RsvpChanges;
}

/** The people in one RSVP status, with their answers to the event's questions and the actions. */
export function RsvpTable({ rows, label, ...props }: TableProps & { rows: Attendee[]; label: string }) {
  const { t } = useI18n();
  const { event, status } = props;
  return (
    <div className="table-wrap">
      <table className="rsvps" data-status={status}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {status === 'waitlisted' ? <th scope="col">{t('rsvps.position')}</th> : null}
            <th scope="col">{t('members.name')}</th>
            <th scope="col">{t('rsvps.guests')}</th>
            {event.kind === 'hybrid' ? <th scope="col">{t('rsvps.mode')}</th> : null}
            {event.questions.map((q) => (
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
            <RsvpRow key={a.userId} attendee={a} {...props} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RsvpRow({ attendee: a, event, status, changes }: TableProps & { attendee: Attendee }) {
  const { t, formatDateTime } = useI18n();
  return (
    <tr data-user={a.userId} aria-busy={changes.busy === a.userId || undefined}>
      {status === 'waitlisted' ? <td className="num">{a.waitlistPosition ?? ''}</td> : null}
      <th scope="row">
        <bdi>{a.displayName}</bdi>
        {a.pronouns ? <span className="muted"> ({a.pronouns})</span> : null}
      </th>
      <td data-label={t('rsvps.guests')} className="num">
        {a.guests}
      </td>
      {event.kind === 'hybrid' ? <td>{a.mode ? t(`mode.${a.mode}`) : t('common.none')}</td> : null}
      {event.questions.map((q) => (
        <td key={q.id} dir="auto">
          {a.answers[q.id] ?? t('common.none')}
        </td>
      ))}
      <td data-label={t('rsvps.source')}>
        <Badge tone="queued">{RSVP_SOURCES.includes(a.source) ? t(`source.${a.source}`) : a.source}</Badge>
      </td>
      <td data-label={t('rsvps.updated')}>{formatDateTime(a.updatedAt)}</td>
      {status === 'going' ? (
        <td data-label={t('rsvps.checkedIn')}>
          {a.checkedInAt ? formatDateTime(a.checkedInAt) : t('common.none')}
        </td>
      ) : null}
      <td className="actions">
        <RsvpActions attendee={a} status={status} changes={changes} />
      </td>
    </tr>
  );
}

function RsvpActions({ attendee: a, status, changes }: Omit<TableProps, 'event'> & { attendee: Attendee }) {
  const { t } = useI18n();
  const busy = changes.busy !== null;
  return (
    <>
      <OnBehalf
        attendee={a}
        current={status}
        disabled={busy}
        onSet={(answer) => void changes.setAnswer(a, answer)}
      />
      {ACTIONS_BY_STATUS[status]
        .filter((action) => action !== 'check-in' || !a.checkedInAt)
        .map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'remove' || action === 'reject' ? 'small danger' : 'small secondary'}
            disabled={busy}
            onClick={() => void changes.act(a, action)}
          >
            {t(ACTION_LABEL[action])}
            <span className="visually-hidden"> {a.displayName}</span>
          </button>
        ))}
    </>
  );
}
