import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, mailboxRawUrl, OUTBOX_STATUSES, type OutboxStatus } from '../api';
import { Badge, ErrorSummary, Loading, Page, SectionNav } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n';
import { headerValue, leafParts, parseMime, plainText, type MimePart } from '../mime';
import { Link, navigate } from '../router';
import { useSession } from '../session';

const STATUS_TONE: Record<OutboxStatus, string> = {
  queued: 'queued',
  sending: 'queued',
  retrying: 'pending',
  sent: 'active',
  failed: 'banned',
};

/** Instance-owner screens: the outbox and, when no SMTP relay is set, the dev mailbox. */
function MailPage({ current, title, children }: { current: string; title?: string; children: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (user.instanceRole !== 'owner') {
    return (
      <Page title={t('mail.title')}>
        <p className="muted">{t('mail.ownerOnly')}</p>
      </Page>
    );
  }
  return (
    <Page title={title ?? t('mail.title')}>
      <SectionNav
        label={t('mail.sections')}
        current={current}
        items={[
          { to: '/mail', label: t('mail.tab.outbox') },
          { to: '/mail/mailbox', label: t('mail.tab.mailbox') },
        ]}
      />
      {children}
    </Page>
  );
}

export function OutboxScreen({ status }: { status: OutboxStatus | undefined }) {
  return (
    <MailPage current="/mail">
      <Outbox status={status} />
    </MailPage>
  );
}

function Outbox({ status }: { status: OutboxStatus | undefined }) {
  const { t, formatDateTime } = useI18n();
  const list = useResource(() => api.outbox(status), `outbox:${status ?? ''}`);
  const counts = useMemo(() => {
    const c = new Map<OutboxStatus, number>();
    for (const m of list.data ?? []) c.set(m.status, (c.get(m.status) ?? 0) + 1);
    return c;
  }, [list.data]);

  return (
    <section className="card" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">{t('mail.tab.outbox')}</h2>
      <p className="muted">{t('outbox.intro')}</p>
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
        <button type="button" className="secondary" onClick={list.reload} disabled={list.loading}>
          {t('common.refresh')}
        </button>
        {list.data && list.data.length > 0 ? (
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
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 ? <p className="muted">{t('outbox.empty')}</p> : null}
      {list.data && list.data.length > 0 ? (
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
              {list.data.map((m) => (
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
      ) : null}
    </section>
  );
}

export function MailboxScreen() {
  return (
    <MailPage current="/mail/mailbox">
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
                <th scope="col">{t('mailbox.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td dir="ltr">{m.to}</td>
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

const SHOWN_HEADERS = ['From', 'To', 'Subject', 'Date', 'Message-ID', 'Content-Type'];

export function MailboxMessageScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const raw = useResource(() => api.mailboxRaw(id), `raw:${id}`);
  const message = useMemo(() => (raw.data === undefined ? null : parseMime(raw.data)), [raw.data]);
  const subject = message ? headerValue(message.headers, 'Subject') : undefined;
  return (
    <MailPage current="/mail/mailbox" title={subject ?? t('message.title')}>
      <p>
        <Link to="/mail/mailbox">{t('message.back')}</Link>
      </p>
      {raw.loading && !raw.data ? <Loading /> : null}
      <ErrorSummary error={raw.error} />
      {message ? <MessageView id={id} message={message} /> : null}
    </MailPage>
  );
}

function MessageView({ id, message }: { id: string; message: MimePart }) {
  const { t } = useI18n();
  const text = plainText(message);
  const attachments = leafParts(message).filter((p) => p.filename || p.contentType === 'text/calendar');
  return (
    <div className="message">
      <section className="card" aria-labelledby="message-headers">
        <h2 id="message-headers">{t('message.headers')}</h2>
        <dl className="headers" dir="ltr">
          {SHOWN_HEADERS.map((name) => {
            const value = headerValue(message.headers, name);
            return value === undefined ? null : (
              <div key={name}>
                <dt>{name}</dt>
                <dd dir="auto">{value}</dd>
              </div>
            );
          })}
        </dl>
        <details>
          <summary>{t('message.allHeaders')}</summary>
          <pre className="raw-headers" dir="ltr">
            {message.headers.map((h) => `${h.name}: ${h.value}`).join('\n')}
          </pre>
        </details>
        <p>
          <a href={mailboxRawUrl(id)} download={`hearth-${id}.eml`} className="button secondary">
            {t('message.downloadEml')}
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="message-text">
        <h2 id="message-text">{t('message.text')}</h2>
        {text === null ? (
          <p className="muted">{t('message.noText')}</p>
        ) : (
          <pre className="message-text" dir="auto">
            {text}
          </pre>
        )}
      </section>
      {attachments.length > 0 ? (
        <section className="card" aria-labelledby="message-parts">
          <h2 id="message-parts">{t('message.parts')}</h2>
          <ul>
            {attachments.map((part, index) => (
              <li key={index}>
                <PartDownload part={part} fallbackName={`part-${index + 1}`} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Attachments (the .ics of an invitation, when events land) as downloads made in the browser. */
function PartDownload({ part, fallbackName }: { part: MimePart; fallbackName: string }) {
  const { t } = useI18n();
  const name = part.filename ?? (part.contentType === 'text/calendar' ? `${fallbackName}.ics` : fallbackName);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const blobUrl = URL.createObjectURL(new Blob([part.bytes as BlobPart], { type: part.contentType }));
    setUrl(blobUrl);
    return () => URL.revokeObjectURL(blobUrl);
  }, [part]);
  return (
    <>
      {url ? (
        <a href={url} download={name}>
          {t('message.downloadPart', { name })}
        </a>
      ) : (
        name
      )}{' '}
      <span className="muted" dir="ltr">
        ({part.contentType}
        {part.params.method ? `; method=${part.params.method}` : ''}, {part.bytes.length} B)
      </span>
    </>
  );
}
