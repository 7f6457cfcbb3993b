import { useState } from 'react';
import {
  api,
  INBOUND_OUTCOMES,
  type InboundMessage,
  type InboundOutcome,
  type ReplyPartstat,
} from '../../api';
import { ApplyAnswer, canApply } from '../../components/apply-answer';
import { Badge, ErrorSummary, Loading, Notice } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { Link, navigate } from '../../router';
import { MailPage } from './mail-page';
import { Reason } from './reason';

const OUTCOME_TONE: Record<InboundOutcome, string> = {
  applied: 'active',
  proposal: 'queued',
  ignored: 'private',
  dropped: 'private',
  rejected: 'banned',
  quarantined: 'pending',
};

/** The log's address with these filters (empty ones left out). */
function inboundUrl(outcome: string | undefined, messageId: string | undefined): string {
  const q = new URLSearchParams();
  if (outcome) q.set('outcome', outcome);
  if (messageId) q.set('messageId', messageId);
  const query = q.toString();
  return query ? `/mail/inbound?${query}` : '/mail/inbound';
}

export function InboundScreen({
  outcome,
  messageId,
}: {
  outcome: InboundOutcome | undefined;
  messageId?: string;
}) {
  const { t } = useI18n();
  const list = useResource(
    () => api.inbound(outcome, messageId),
    `inbound:${outcome ?? ''}:${messageId ?? ''}`,
  );
  const [applied, setApplied] = useState<string | null>(null);
  const onApplied = (text: string): void => {
    setApplied(text);
    list.reload();
  };
  return (
    <MailPage current="/mail/inbound">
      <section className="card" aria-labelledby="inbound-heading">
        <h2 id="inbound-heading">{t('mail.tab.inbound')}</h2>
        <p className="muted">{t('inbound.intro')}</p>
        <InboundFilters
          outcome={outcome}
          messageId={messageId}
          loading={list.loading}
          onRefresh={list.reload}
        />
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorSummary error={list.error} />
        {applied ? <Notice>{applied}</Notice> : null}
        {list.data && list.data.items.length === 0 ? <p className="muted">{t('inbound.empty')}</p> : null}
        {list.data && list.data.items.length > 0 ? (
          <InboundTable messages={list.data.items} onApplied={onApplied} />
        ) : null}
      </section>
    </MailPage>
  );
}

/** Filter the log by outcome, find one message by its Message-ID, refresh. */
function InboundFilters({
  outcome,
  messageId,
  loading,
  onRefresh,
}: {
  outcome: InboundOutcome | undefined;
  messageId?: string;
  loading: boolean;
  onRefresh: () => void;
}) {
  const { t } = useI18n();
  const [idInput, setIdInput] = useState(messageId ?? '');
  return (
    <>
      <div className="toolbar">
        <label htmlFor="inbound-outcome">{t('outbox.filter')}</label>
        <select
          id="inbound-outcome"
          value={outcome ?? ''}
          onChange={(e) => navigate(inboundUrl(e.target.value, messageId), { replace: true })}
        >
          <option value="">{t('inbound.all')}</option>
          {INBOUND_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`inbound.outcome.${o}`)}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" onClick={onRefresh} disabled={loading}>
          {t('common.refresh')}
        </button>
      </div>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(inboundUrl(outcome, idInput.trim() || undefined), { replace: true });
        }}
      >
        <label htmlFor="inbound-message-id">{t('inbound.messageId')}</label>
        <input
          id="inbound-message-id"
          dir="ltr"
          value={idInput}
          placeholder="<id@host>"
          onChange={(e) => setIdInput(e.target.value)}
        />
        <button type="submit" className="secondary">
          {t('inbound.find')}
        </button>
      </form>
    </>
  );
}

function InboundTable({
  messages,
  onApplied,
}: {
  messages: InboundMessage[];
  onApplied: (text: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="inbound">
        <caption className="visually-hidden">{t('inbound.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mailbox.received')}</th>
            <th scope="col">{t('inbound.from')}</th>
            <th scope="col">{t('inbound.event')}</th>
            <th scope="col">{t('inbound.answer')}</th>
            <th scope="col">{t('inbound.outcome')}</th>
            <th scope="col">{t('outbox.reason')}</th>
            <th scope="col">{t('members.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <InboundRow key={m.id} message={m} onApplied={onApplied} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One logged message: when, from whom, about which event, what it answered and what became of it. */
function InboundRow({
  message: m,
  onApplied,
}: {
  message: InboundMessage;
  onApplied: (text: string) => void;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <tr data-outcome={m.outcome} data-inbound={m.id}>
      <td>{formatDateTime(m.receivedAt)}</td>
      <td dir="ltr" className="wrap">
        {m.from ?? t('common.none')}
        {m.invitee?.displayName ? (
          <span className="meta block" dir="auto">
            <bdi>{m.invitee.displayName}</bdi>
          </span>
        ) : null}
      </td>
      <td>
        {m.event ? (
          <Link to={`/events/${encodeURIComponent(m.event.id)}/rsvps`}>{m.event.title ?? m.event.id}</Link>
        ) : (
          t('common.none')
        )}
      </td>
      <td>{m.partstat ? t(`partstat.${m.partstat as ReplyPartstat | 'DELEGATED'}`) : t('common.none')}</td>
      <td>
        <Badge tone={OUTCOME_TONE[m.outcome] ?? 'queued'}>{t(`inbound.outcome.${m.outcome}`)}</Badge>
        {m.resolution ? (
          <span className="meta block">{t(`inbound.resolution.${m.resolution.decision as 'applied'}`)}</span>
        ) : null}
      </td>
      <td className="reason">
        <Reason reason={m.reason} detail={m.detail} />
      </td>
      <td className="actions">{canApply(m) ? <ApplyAnswer message={m} onApplied={onApplied} /> : null}</td>
    </tr>
  );
}
