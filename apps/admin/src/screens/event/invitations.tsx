import { useEffect, useState } from 'react';
import {
  api,
  INVITATION_STATES,
  type ApiError,
  type HearthEvent,
  type Invitation,
  type InvitationList,
  type InvitationState,
} from '../../api';
import { Badge, ErrorSummary, Loading, Notice } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { RSVP_TONE } from './tones';

const STATE_TONE: Record<InvitationState, string> = {
  invited: 'queued',
  answered: 'active',
  bounced: 'banned',
  opted_out: 'private',
  revoked: 'private',
};

type Outcome = { text: string; error: ApiError | null };

/** Resend and revoke, one at a time, each saying what happened; the list reloads after. */
function useInvitationActions(reload: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (
    key: string,
    done: (n: number) => string,
    failed: string,
    perform: () => Promise<number>,
  ): Promise<void> => {
    setBusy(key);
    setOutcome(null);
    try {
      setOutcome({ text: done(await perform()), error: null });
    } catch (error) {
      setOutcome({ text: failed, error: error as ApiError });
    } finally {
      setBusy(null);
      reload();
    }
  };
  return { busy, outcome, run };
}

/** The first page from the list, then the pages "more" fetched after it (until the first page changes). */
function usePages(eventId: string, state: InvitationState | undefined, first: InvitationList | undefined) {
  const [more, setMore] = useState<Invitation[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => {
    setMore([]);
    setCursor(null);
  }, [first]);
  const next = cursor ?? first?.nextCursor ?? null;
  const loadMore = async (): Promise<void> => {
    if (!next) return;
    const page = await api.invitations(eventId, state, next);
    setMore((rows) => [...rows, ...page.items]);
    setCursor(page.nextCursor ?? '');
  };
  return { rows: [...(first?.items ?? []), ...more], next, loadMore };
}

/**
 * The event's invitations for organizers: how many are in each state, the people in one state (or
 * all), and resend (one, or everyone unanswered) and revoke. Pages of 100, "more" for the next.
 */
export function InvitationsSection({ event, state }: { event: HearthEvent; state?: InvitationState }) {
  const { t } = useI18n();
  const list = useResource<InvitationList>(
    () => api.invitations(event.id, state),
    `invitations:${event.id}:${state ?? 'all'}`,
  );
  const { rows, next, loadMore } = usePages(event.id, state, list.data);
  const { busy, outcome, run } = useInvitationActions(list.reload);
  if (!event.permissions.edit) return <p className="muted">{t('invitations.organizersOnly')}</p>;
  const sendable = event.status === 'scheduled';
  const resendAll = () =>
    void run(
      'all',
      (n) => t('invitations.resentAll', { n }),
      t('invitations.resendFailed'),
      async () => (await api.resendUnanswered(event.id)).resent,
    );
  const resend = (row: Invitation) =>
    void run(
      row.userId,
      () => t('invitations.resent', { name: row.displayName }),
      t('invitations.resendFailed'),
      async () => (await api.resendInvitation(event.id, row.userId)).resent,
    );
  const revoke = (row: Invitation) =>
    void run(
      row.userId,
      () => t('invitations.revoked', { name: row.displayName }),
      t('invitations.revokeFailed', { name: row.displayName }),
      async () => ((await api.revokeInvitation(event.id, row.userId)).changed ? 1 : 0),
    );
  return (
    <section className="card" aria-labelledby="invitations-heading">
      <div className="card-head">
        <h2 id="invitations-heading">{t('event.tab.invitations')}</h2>
        <div className="button-row">
          <button type="button" className="secondary small" onClick={list.reload} disabled={list.loading}>
            {t('common.refresh')}
          </button>
          {sendable ? (
            <button type="button" className="small" disabled={busy !== null} onClick={resendAll}>
              {t('invitations.resendAll')}
            </button>
          ) : null}
        </div>
      </div>
      <StateTabs eventId={event.id} state={state} counts={list.data?.counts} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorSummary error={list.error} />
      {outcome?.error ? <ErrorSummary error={outcome.error} title={outcome.text} /> : null}
      {outcome && !outcome.error ? <Notice>{outcome.text}</Notice> : null}
      {list.data && rows.length === 0 ? <p className="muted">{t('invitations.empty')}</p> : null}
      {rows.length > 0 ? (
        <InvitationTable rows={rows} busy={busy} sendable={sendable} onResend={resend} onRevoke={revoke} />
      ) : null}
      {next ? (
        <button type="button" className="secondary small" onClick={() => void loadMore()}>
          {t('invitations.more')}
        </button>
      ) : null}
    </section>
  );
}

function InvitationTable({
  rows,
  busy,
  sendable,
  onResend,
  onRevoke,
}: {
  rows: Invitation[];
  busy: string | null;
  sendable: boolean;
  onResend: (row: Invitation) => void;
  onRevoke: (row: Invitation) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="invitations">
        <thead>
          <tr>
            <th scope="col">{t('invitations.name')}</th>
            <th scope="col">{t('invitations.state')}</th>
            <th scope="col">{t('invitations.invitedBy')}</th>
            <th scope="col">{t('invitations.lastSent')}</th>
            <th scope="col">{t('invitations.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <InvitationRow
              key={row.userId}
              row={row}
              busy={busy === row.userId}
              sendable={sendable}
              onResend={() => onResend(row)}
              onRevoke={() => onRevoke(row)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvitationRow({
  row,
  busy,
  sendable,
  onResend,
  onRevoke,
}: {
  row: Invitation;
  busy: boolean;
  sendable: boolean;
  onResend: () => void;
  onRevoke: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <tr data-user={row.userId}>
      <th scope="row">
        <bdi>{row.displayName}</bdi>
      </th>
      <td data-label={t('invitations.state')}>
        <Badge tone={STATE_TONE[row.state]}>{t(`invitationState.${row.state}`)}</Badge>{' '}
        {row.rsvpStatus ? (
          <Badge tone={RSVP_TONE[row.rsvpStatus]}>{t(`rsvpStatus.${row.rsvpStatus}`)}</Badge>
        ) : null}
      </td>
      <td data-label={t('invitations.invitedBy')}>
        {row.invitedBy ? row.invitedBy.displayName : t('common.none')}
        <br />
        <span className="muted">{formatDateTime(row.invitedAt)}</span>
      </td>
      <td data-label={t('invitations.lastSent')}>
        {row.lastSentAt ? formatDateTime(row.lastSentAt) : t('common.none')}
      </td>
      <td data-label={t('invitations.actions')}>
        <div className="button-row">
          {sendable ? (
            <button type="button" className="secondary small" disabled={busy} onClick={onResend}>
              {row.state === 'revoked' ? t('invitations.reinvite') : t('invitations.resend')}
            </button>
          ) : null}
          {row.state !== 'revoked' ? (
            <button type="button" className="danger small" disabled={busy} onClick={onRevoke}>
              {t('invitations.revoke')}
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** "All", then one tab per state with how many invitations are in it. */
function StateTabs({
  eventId,
  state,
  counts,
}: {
  eventId: string;
  state?: InvitationState;
  counts?: InvitationList['counts'];
}) {
  const { t } = useI18n();
  const base = `/events/${encodeURIComponent(eventId)}/invitations`;
  const total = counts ? INVITATION_STATES.reduce((n, s) => n + counts[s], 0) : 0;
  return (
    <nav className="tabs" aria-label={t('invitations.states')}>
      <ul>
        <li>
          <Link to={base} aria-current={state === undefined ? 'page' : undefined}>
            {t('invitations.all')} <span className="count">{total}</span>
          </Link>
        </li>
        {INVITATION_STATES.map((s) => (
          <li key={s}>
            <Link to={`${base}?state=${s}`} aria-current={s === state ? 'page' : undefined} data-state={s}>
              {t(`invitationState.${s}`)} <span className="count">{counts?.[s] ?? 0}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
