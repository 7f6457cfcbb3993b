import { api } from '../../api';
import { ErrorSummary, Loading } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { MailPage } from './mail-page';

export function MailboxScreen() {
  return (
    <MailPage current="/mail/mailbox" ownerOnly>
      <Mailbox />
    </MailPage>
  );
}

function Mailbox() {
  const { t, formatDateTime } = useI18n();
  const list = useResource(api.mailbox, 'mailbox');
  const off = list.error?.statusCode === 404;
  return (
    <section className="card" aria-labelledby="mailbox-heading">
      <h2 id="mailbox-heading">{t('mail.tab.mailbox')}</h2>
      {off ? <p className="muted">{t('mailbox.off')}</p> : <p className="muted">{t('mailbox.intro')}</p>}
      {!off ? (
        <div className="toolbar">
          <button type="button" className="secondary" onClick={list.reload} disabled={list.loading}>
            {t('common.refresh')}
          </button>
        </div>
      ) : null}
      {list.loading && !list.data ? <Loading /> : null}
      {!off ? <ErrorSummary error={list.error} /> : null}
      {list.data && list.data.length === 0 ? <p className="muted">{t('mailbox.empty')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="table-wrap">
          <table className="mailbox">
            <caption className="visually-hidden">{t('mailbox.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mailbox.received')}</th>
                <th scope="col">{t('mailbox.to')}</th>
                <th scope="col">{t('mailbox.kind')}</th>
                <th scope="col">{t('mailbox.event')}</th>
                <th scope="col">{t('mailbox.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td dir="ltr">{m.to}</td>
                  <td>{m.kind ? <code>{m.kind}</code> : t('common.none')}</td>
                  <td>
                    {/* Text, not a link: the subject stays the row's one link. */}
                    {m.eventId ? <code title={m.eventId}>{m.eventId.slice(0, 8)}</code> : t('common.none')}
                  </td>
                  <td dir="auto">
                    <Link to={`/mail/mailbox/${encodeURIComponent(m.id)}`}>{m.subject}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
