import { useMemo } from 'react';
import { api, OUTBOX_STATUSES, type OutboxMessage, type OutboxStatus } from '../../api';
import { Badge, ErrorSummary, Loading } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { MailPage } from './mail-page';

const STATUS_TONE: Record<OutboxStatus, string> = {
  queued: 'queued',
  sending: 'queued',
  retrying: 'pending',
  sent: 'active',
  failed: 'banned',
};

export function OutboxScreen({ status }: { status: OutboxStatus | undefined }) {
  return (
    <MailPage current="/mail" ownerOnly>
      <Outbox status={status} />
    </MailPage>
  );
}

function Outbox({ status }: { status: OutboxStatus | undefined }) {
  const { t } = useI18n();
  const list = useResource(() => api.outbox(status), `outbox:${status ?? ''}`);
  return (
    <section className="card" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">{t('mail.tab.outbox')}</h2>
      <p className="muted">{t('outbox.intro')}</p>
      <OutboxToolbar status={status} messages={list.data} loading={list.loading} onRefresh={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 ? <p className="muted">{t('outbox.empty')}</p> : null}
      {list.data && list.data.length > 0 ? <OutboxTable messages={list.data} /> : null}
    </section>
  );
}

/** The status filter, refresh, and how many messages are in each status. */
function OutboxToolbar({
  status,
  messages,
  loading,
  onRefresh,
}: {
  status: OutboxStatus | undefined;
  messages: OutboxMessage[] | undefined;
  loading: boolean;
  onRefresh: () => void;
}) {
  const { t } = useI18n();
  const counts = useMemo(() => {
    const c = new Map<OutboxStatus, number>();
    for (const m of messages ?? []) c.set(m.status, (c.get(m.status) ?? 0) + 1);
    return c;
  }, [messages]);
  return (
    <div className="toolbar">
      <label htmlFor="outbox-status">{t('outbox.filter')}</label>
      <select
        id="outbox-status"
        value={status ?? ''}
        onChange={(e) =>
          navigate(e.target.value ? `/mail?status=${encodeURIComponent(e.target.value)}` : '/mail', {
            replace: true,
          })
        }
      >
        <option value="">{t('outbox.all')}</option>
        {OUTBOX_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`outbox.status.${s}`)}
          </option>
        ))}
      </select>
      <button type="button" className="secondary" onClick={onRefresh} disabled={loading}>
        {t('common.refresh')}
      </button>
      {messages && messages.length > 0 ? (
        <ul className="counts" aria-label={t('outbox.counts')}>
          {OUTBOX_STATUSES.filter((s) => counts.has(s)).map((s) => (
            <li key={s}>
              <Badge tone={STATUS_TONE[s]}>
                {t(`outbox.status.${s}`)}: {counts.get(s)}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function OutboxTable({ messages }: { messages: OutboxMessage[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <div className="table-wrap">
      <table className="outbox">
        <caption className="visually-hidden">{t('outbox.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outbox.created')}</th>
            <th scope="col">{t('outbox.purpose')}</th>
            <th scope="col">{t('outbox.status')}</th>
            <th scope="col">{t('outbox.attempts')}</th>
            <th scope="col">{t('outbox.next')}</th>
            <th scope="col">{t('outbox.sentAt')}</th>
            <th scope="col">{t('outbox.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id} data-status={m.status}>
              <td>{formatDateTime(m.createdAt)}</td>
              <td>
                <code>{m.purpose}</code>
              </td>
              <td>
                <Badge tone={STATUS_TONE[m.status]}>{t(`outbox.status.${m.status}`)}</Badge>
              </td>
              <td className="num">{m.attempts}</td>
              <td>
                {m.status === 'queued' || m.status === 'retrying'
                  ? formatDateTime(m.nextAttemptAt)
                  : t('common.none')}
              </td>
              <td>{formatDateTime(m.sentAt)}</td>
              <td className="reason" dir="auto">
                {m.lastError ?? t('common.none')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
