import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  api,
  INBOUND_OUTCOMES,
  mailboxRawUrl,
  OUTBOX_STATUSES,
  RSVP_STATUSES,
  type ApiError,
  type InboundMessage,
  type InboundOutcome,
  type OutboxStatus,
  type ReplyPartstat,
  type RsvpStatus,
} from '../api';
import { ApplyAnswer, canApply } from '../components/apply-answer';
import { Badge, ErrorSummary, Loading, Notice, Page, SectionNav } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { headerValue, readMail, type MailMessage, type MailPart } from '../mail-message';
import { Link, navigate } from '../router';
import { useSession } from '../session';

const STATUS_TONE: Record<OutboxStatus, string> = {
  queued: 'queued',
  sending: 'queued',
  retrying: 'pending',
  sent: 'active',
  failed: 'banned',
};

/**
 * Mail: the outbox and, when no SMTP relay is set, the dev mailbox (instance owner); the inbound log
 * and reply quarantine (organizers see their groups' events, the owner everything).
 */
function MailPage({
  current,
  title,
  ownerOnly = false,
  children,
}: {
  current: string;
  title?: string;
  ownerOnly?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const owner = user.instanceRole === 'owner';
  const items = [
    ...(owner
      ? [
          { to: '/mail', label: t('mail.tab.outbox') },
          { to: '/mail/mailbox', label: t('mail.tab.mailbox') },
        ]
      : []),
    { to: '/mail/inbound', label: t('mail.tab.inbound') },
    { to: '/mail/quarantine', label: t('mail.tab.quarantine') },
  ];
  return (
    <Page title={title ?? t('mail.title')}>
      <SectionNav label={t('mail.sections')} current={current} items={items} />
      {ownerOnly && !owner ? <p className="muted">{t('mail.ownerOnly')}</p> : children}
    </Page>
  );
}

export function OutboxScreen({ status }: { status: OutboxStatus | undefined }) {
  return (
    <MailPage current="/mail" ownerOnly>
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

const REASON_TEXT: Partial<Record<string, MessageKey>> = {
  from_mismatch: 'reason.from_mismatch',
  attendee_mismatch: 'reason.attendee_mismatch',
  organizer_mismatch: 'reason.organizer_mismatch',
  uid_mismatch: 'reason.uid_mismatch',
  ambiguous_recipient: 'reason.ambiguous_recipient',
  multiple_attendees: 'reason.multiple_attendees',
  stale_sequence: 'reason.stale_sequence',
  recurrence_not_invited: 'reason.recurrence_not_invited',
  recurrence_unknown: 'reason.recurrence_unknown',
};

/** A refusal reason in words where there are some, always with its code. */
function Reason({ reason, detail }: { reason: string | null; detail: string | null }) {
  const { t } = useI18n();
  if (!reason) return <>{t('common.none')}</>;
  const key = REASON_TEXT[reason];
  return (
    <>
      {key ? <>{t(key)} </> : null}
      <code>{reason}</code>
      {detail ? <span className="meta block">{detail}</span> : null}
    </>
  );
}

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
  const { t, formatDateTime } = useI18n();
  const list = useResource(
    () => api.inbound(outcome, messageId),
    `inbound:${outcome ?? ''}:${messageId ?? ''}`,
  );
  const [idInput, setIdInput] = useState(messageId ?? '');
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
          <button type="button" className="secondary" onClick={list.reload} disabled={list.loading}>
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
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorSummary error={list.error} />
        {applied ? <Notice>{applied}</Notice> : null}
        {list.data && list.data.items.length === 0 ? <p className="muted">{t('inbound.empty')}</p> : null}
        {list.data && list.data.items.length > 0 ? (
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
                {list.data.items.map((m) => (
                  <tr key={m.id} data-outcome={m.outcome} data-inbound={m.id}>
                    <td>{formatDateTime(m.receivedAt)}</td>
                    <td dir="ltr" className="wrap">
                      {m.from ?? t('common.none')}
                      {m.invitee?.displayName ? (
                        <span className="meta block" dir="auto">
                          {m.invitee.displayName}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {m.event ? (
                        <Link to={`/events/${encodeURIComponent(m.event.id)}/rsvps`}>
                          {m.event.title ?? m.event.id}
                        </Link>
                      ) : (
                        t('common.none')
                      )}
                    </td>
                    <td>
                      {m.partstat
                        ? t(`partstat.${m.partstat as ReplyPartstat | 'DELEGATED'}`)
                        : t('common.none')}
                    </td>
                    <td>
                      <Badge tone={OUTCOME_TONE[m.outcome] ?? 'queued'}>
                        {t(`inbound.outcome.${m.outcome}`)}
                      </Badge>
                      {m.resolution ? (
                        <span className="meta block">
                          {t(`inbound.resolution.${m.resolution.decision as 'applied'}`)}
                        </span>
                      ) : null}
                    </td>
                    <td className="reason">
                      <Reason reason={m.reason} detail={m.detail} />
                    </td>
                    <td className="actions">
                      {canApply(m) ? <ApplyAnswer message={m} onApplied={onApplied} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </MailPage>
  );
}

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
