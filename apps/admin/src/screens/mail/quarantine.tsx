import { useState } from 'react';
import { api, type ApiError, type InboundMessage, type ReplyPartstat } from '../../api';
import { ApplyAnswer, canApply } from '../../components/apply-answer';
import { ErrorSummary, Loading, Notice } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { MailPage } from './mail-page';
import { Reason } from './reason';

export function QuarantineScreen() {
  const { t, formatDateTime } = useI18n();
  const list = useResource(api.quarantine, 'quarantine');
  const [outcome, setOutcome] = useState<{ text: string; error: ApiError | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const dismiss = async (m: InboundMessage): Promise<void> => {
    setBusy(m.id);
    setOutcome(null);
    try {
      await api.dismissQuarantined(m.id);
      setOutcome({ text: t('quarantine.dismissed'), error: null });
    } catch (error) {
      setOutcome({ text: t('quarantine.failed'), error: error as ApiError });
    } finally {
      setBusy(null);
      list.reload();
    }
  };
  return (
    <MailPage current="/mail/quarantine">
      <section className="card" aria-labelledby="quarantine-heading">
        <h2 id="quarantine-heading">{t('mail.tab.quarantine')}</h2>
        <p className="muted">{t('quarantine.intro')}</p>
        {outcome?.error ? <ErrorSummary error={outcome.error} title={outcome.text} /> : null}
        {outcome && !outcome.error ? <Notice>{outcome.text}</Notice> : null}
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorSummary error={list.error} />
        {list.data && list.data.items.length === 0 ? <p className="muted">{t('quarantine.empty')}</p> : null}
        {list.data?.items.map((m) => (
          <article key={m.id} className="report quarantined" data-inbound={m.id}>
            <p className="meta">
              {formatDateTime(m.receivedAt)} · <span dir="ltr">{m.from ?? t('common.none')}</span>
            </p>
            <p>
              <strong>
                {t('quarantine.says', {
                  who: m.invitee?.displayName ?? t('common.none'),
                  answer: m.partstat
                    ? t(`partstat.${m.partstat as ReplyPartstat | 'DELEGATED'}`)
                    : t('common.none'),
                })}
              </strong>
              {m.event ? (
                <>
                  {' · '}
                  <Link to={`/events/${encodeURIComponent(m.event.id)}/rsvps`}>
                    {m.event.title ?? m.event.id}
                  </Link>
                </>
              ) : null}
            </p>
            <p>
              <strong>{t('outbox.reason')}:</strong> <Reason reason={m.reason} detail={m.detail} />
            </p>
            <div className="button-row">
              {canApply(m) ? (
                <ApplyAnswer
                  message={m}
                  disabled={busy !== null}
                  onApplied={(text) => {
                    setOutcome({ text, error: null });
                    list.reload();
                  }}
                />
              ) : null}
              <button
                type="button"
                className="small secondary"
                disabled={busy !== null}
                onClick={() => void dismiss(m)}
              >
                {t('quarantine.dismiss')}
              </button>
            </div>
          </article>
        ))}
      </section>
    </MailPage>
  );
}
