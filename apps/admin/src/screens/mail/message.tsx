import { useEffect, useState } from 'react';
import { api, mailboxRawUrl, RSVP_STATUSES, type ReplyPartstat, type RsvpStatus } from '../../api';
import { ErrorSummary, Loading, Notice } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { headerValue, readMail, type MailMessage, type MailPart } from '../../mail-message';
import { Link } from '../../router';
import { MailPage } from './mail-page';

const SHOWN_HEADERS = ['From', 'To', 'Subject', 'Date', 'Message-ID', 'Content-Type'];

export function MailboxMessageScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const raw = useResource(() => api.mailboxRaw(id).then(readMail), `raw:${id}`);
  const message = raw.data ?? null;
  const subject = message ? headerValue(message.headers, 'Subject') : undefined;
  return (
    <MailPage current="/mail/mailbox" title={subject ?? t('message.title')} ownerOnly>
      <p>
        <Link to="/mail/mailbox">{t('message.back')}</Link>
      </p>
      {raw.loading && !raw.data ? <Loading /> : null}
      <ErrorSummary error={raw.error} />
      {message ? <MessageView id={id} message={message} /> : null}
    </MailPage>
  );
}

function MessageView({ id, message }: { id: string; message: MailMessage }) {
  const { t } = useI18n();
  const { text, parts: attachments } = message;
  const request = attachments.some(
    (p) => p.contentType === 'text/calendar' && (p.method ?? '').toUpperCase() === 'REQUEST',
  );
  return (
    <div className="message">
      {request ? <ReplyAsAttendee id={id} to={headerValue(message.headers, 'To') ?? ''} /> : null}
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
function PartDownload({ part, fallbackName }: { part: MailPart; fallbackName: string }) {
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
        {part.method ? `; method=${part.method}` : ''}, {part.bytes.length} B)
      </span>
    </>
  );
}

const PARTSTAT_LABEL: Record<ReplyPartstat, MessageKey> = {
  ACCEPTED: 'devReply.accept',
  TENTATIVE: 'devReply.maybe',
  DECLINED: 'devReply.decline',
};

/**
 * Dev mode: answer this invitation as its attendee's calendar would — a real iMIP REPLY e-mail
 * through the inbound pipeline — so the whole loop can be tried without a mail server.
 */
function ReplyAsAttendee({ id, to }: { id: string; to: string }) {
  const { t } = useI18n();
  const reply = useAction((partstat: ReplyPartstat) => api.devReply(id, partstat));
  const result = reply.result;
  return (
    <section className="card accent" aria-labelledby="dev-reply-heading" data-testid="dev-reply">
      <h2 id="dev-reply-heading">{t('devReply.heading')}</h2>
      <p className="muted">{t('devReply.intro', { to })}</p>
      <div className="button-row" role="group" aria-label={t('devReply.heading')}>
        {(['ACCEPTED', 'TENTATIVE', 'DECLINED'] as const).map((p) => (
          <button
            key={p}
            type="button"
            className={p === 'ACCEPTED' ? undefined : 'secondary'}
            disabled={reply.pending}
            onClick={() => void reply.run(p)}
          >
            {t(PARTSTAT_LABEL[p])}
          </button>
        ))}
      </div>
      <ErrorSummary error={reply.error} />
      {result && !reply.pending ? (
        <Notice>
          {t('devReply.result', { outcome: t(`inbound.outcome.${result.outcome}`) })}
          {result.rsvpStatus
            ? ` ${t('devReply.rsvp', {
                status: RSVP_STATUSES.includes(result.rsvpStatus as RsvpStatus)
                  ? t(`rsvpStatus.${result.rsvpStatus as RsvpStatus}`)
                  : result.rsvpStatus,
              })}`
            : ''}
          {result.reason ? ` ${t('devReply.reason', { reason: result.reason })}` : ''}
          {result.duplicate ? ` ${t('devReply.duplicate')}` : ''}{' '}
          <Link to="/mail/inbound">{t('devReply.seeLog')}</Link>
        </Notice>
      ) : null}
    </section>
  );
}
