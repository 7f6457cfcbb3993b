import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import type { OutboxAttachment, OutboxCalendar } from '../outbox/outbox-message.entity';
import {
  base64Lines,
  CONTROL_CHARS,
  encodeBody,
  encodeDisplayName,
  encodeUnstructured,
  foldHeader,
  mimeParameter,
  textTransferEncoding,
} from './mime-encoding';

/*
 * The RFC 5322 message of an outbox row, written directly (nodemailer's composer spent ~600 µs of CPU
 * per invitation). Same structure as nodemailer gave these rows:
 *   multipart/mixed                      (only with a calendar part or attachments)
 *     multipart/alternative              (only with more than one of text, html, calendar)
 *       text/plain; charset=utf-8
 *       text/html; charset=utf-8
 *       text/calendar; charset=utf-8; method=REQUEST|CANCEL|…
 *     <each attachment>
 *     application/ics; name=invite.ics   (the same calendar as an attachment, as icalEvent did)
 * Headers: the row's own (Reply-To, List-Unsubscribe, …) first, then From, To, Subject, Message-ID,
 * Date, MIME-Version, Content-Type. Sent raw; DKIM signing is the transport's.
 */

/** The fields of an outbox row the message is made of. */
export interface MimeSource {
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  headers: Record<string, string>;
  calendar: OutboxCalendar | null;
  attachments: OutboxAttachment[];
  messageId: string;
}

/** The complete message and the SMTP envelope it goes out with. */
export interface WrittenMessage {
  envelope: { from: string; to: string[] };
  raw: string;
}

const CRLF = '\r\n';
/** Headers the writer sets itself: a row's own header of the same name is left out. */
const OWN_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'bcc',
]);
/** Row headers that carry addresses: parsed and re-written like From and To. */
const ADDRESS_HEADERS = new Set(['reply-to', 'cc', 'sender']);
const PLAIN_ADDRESS = /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
// One random prefix per process and a counter: unique boundaries without randomness per message.
const BOUNDARY_PREFIX = randomBytes(8).toString('hex');
let boundaryCounter = 0;

interface Part {
  headers: string;
  body: string;
}

interface Mailbox {
  name: string;
  address: string;
}

/** The mailboxes of an address field ("Name <a@b>", bare addresses, lists). */
export function parseMailboxes(value: string): Mailbox[] {
  const trimmed = value.trim();
  if (PLAIN_ADDRESS.test(trimmed)) return [{ name: '', address: trimmed }];
  return addressparser(trimmed, { flatten: true })
    .filter((a): a is Mailbox => !!a.address)
    .map((a) => ({ name: a.name, address: a.address.replace(CONTROL_CHARS, '').replace(/[<>\s]+/g, '') }));
}

/** An address field value: display names quoted or encoded, addresses in angle brackets. */
export function formatMailboxes(mailboxes: Mailbox[]): string {
  return mailboxes
    .map((m) => (m.name ? `${encodeDisplayName(m.name)} <${m.address}>` : m.address))
    .join(', ');
}

function newBoundary(): string {
  boundaryCounter = (boundaryCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `=_hearth_${BOUNDARY_PREFIX}_${boundaryCounter.toString(36)}`;
}

/** RFC 5322 date, as nodemailer writes it ("Mon, 07 Dec 2026 06:39:08 +0000"). */
function mailDate(date: Date): string {
  return date.toUTCString().replace(/GMT/, '+0000');
}

function textPart(contentType: string, content: string): Part {
  const encoding = textTransferEncoding(content);
  return {
    headers: `Content-Type: ${contentType}${CRLF}Content-Transfer-Encoding: ${encoding}`,
    body: encodeBody(content, encoding),
  };
}

function attachmentPart(a: OutboxAttachment): Part {
  const type = a.contentType.replace(/[\r\n;]+/g, '').trim() || 'application/octet-stream';
  const isText = /^text\//i.test(type);
  const encoding = isText ? textTransferEncoding(a.content) : 'base64';
  const body =
    encoding === 'base64' ? base64Lines(Buffer.from(a.content, 'utf8')) : encodeBody(a.content, encoding);
  const charset = isText && !/charset=/i.test(a.contentType) ? '; charset=utf-8' : '';
  return {
    headers: [
      foldHeader('Content-Type', `${type}${charset}; ${mimeParameter('name', a.filename)}`),
      foldHeader('Content-Disposition', `attachment; ${mimeParameter('filename', a.filename)}`),
      `Content-Transfer-Encoding: ${encoding}`,
    ].join(CRLF),
    body,
  };
}

function multipart(subtype: 'mixed' | 'alternative', parts: Part[]): Part {
  if (parts.length === 1) return parts[0];
  const boundary = newBoundary();
  let body = '';
  for (const p of parts) body += `--${boundary}${CRLF}${p.headers}${CRLF}${CRLF}${p.body}${CRLF}`;
  body += `--${boundary}--`;
  return { headers: `Content-Type: multipart/${subtype};${CRLF} boundary="${boundary}"`, body };
}

function calendarMethod(calendar: OutboxCalendar): string {
  return (calendar.method || 'PUBLISH')
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9-]/g, '');
}

/** The body structure: alternatives inside a mixed part when anything is attached. */
function bodyOf(row: MimeSource): Part {
  const alternatives = [textPart('text/plain; charset=utf-8', row.textBody)];
  if (row.htmlBody) alternatives.push(textPart('text/html; charset=utf-8', row.htmlBody));
  if (row.calendar) {
    alternatives.push(
      textPart(`text/calendar; charset=utf-8; method=${calendarMethod(row.calendar)}`, row.calendar.content),
    );
  }
  const mixed = [multipart('alternative', alternatives), ...row.attachments.map(attachmentPart)];
  if (row.calendar) {
    mixed.push(
      attachmentPart({
        filename: row.calendar.filename || 'invite.ics',
        contentType: 'application/ics',
        content: row.calendar.content,
      }),
    );
  }
  return multipart('mixed', mixed);
}

/** Writes outbox rows as messages from one sender; keeps what repeats from row to row. */
export class MimeWriter {
  private readonly fromHeader: string;
  private readonly envelopeFrom: string;
  private lastSubject = '';
  private lastSubjectHeader = '';

  constructor(from: string) {
    const mailboxes = parseMailboxes(from);
    if (!mailboxes.length) throw new Error(`MimeWriter: no sender address in ${JSON.stringify(from)}`);
    this.fromHeader = foldHeader('From', formatMailboxes(mailboxes.slice(0, 1)));
    this.envelopeFrom = mailboxes[0].address;
  }

  write(row: MimeSource, date: Date = new Date()): WrittenMessage {
    const to = parseMailboxes(row.recipient);
    if (!to.length) throw new Error(`MimeWriter: no recipient address in ${JSON.stringify(row.recipient)}`);
    const body = bodyOf(row);
    const headers = this.rowHeaders(row.headers);
    headers.push(
      this.fromHeader,
      foldHeader('To', formatMailboxes(to)),
      this.subjectHeader(row.subject),
      `Message-ID: ${messageIdOf(row.messageId)}`,
      `Date: ${mailDate(date)}`,
      'MIME-Version: 1.0',
      body.headers,
    );
    return {
      envelope: { from: this.envelopeFrom, to: to.map((m) => m.address) },
      raw: `${headers.join(CRLF)}${CRLF}${CRLF}${body.body}${endOf(body)}`,
    };
  }

  /** Fan-outs queue many rows with one subject: it is encoded once. */
  private subjectHeader(subject: string): string {
    if (subject !== this.lastSubject || !this.lastSubjectHeader) {
      this.lastSubject = subject;
      this.lastSubjectHeader = foldHeader('Subject', encodeUnstructured(subject));
    }
    return this.lastSubjectHeader;
  }

  private rowHeaders(own: Record<string, string>): string[] {
    const lines: string[] = [];
    for (const [rawName, value] of Object.entries(own ?? {})) {
      const name = rawName.replace(/[^\x21-\x39\x3b-\x7e]/g, '');
      const key = name.toLowerCase();
      if (!name || OWN_HEADERS.has(key) || value === undefined || value === null) continue;
      const text = String(value);
      if (ADDRESS_HEADERS.has(key)) {
        const mailboxes = parseMailboxes(text);
        if (mailboxes.length) lines.push(foldHeader(name, formatMailboxes(mailboxes)));
      } else if (text.trim()) {
        lines.push(foldHeader(name, encodeUnstructured(text)));
      }
    }
    return lines;
  }
}

/** A closing CRLF, except after a lone text part, where it would be text (7bit, quoted-printable). */
function endOf(body: Part): string {
  return /Content-Transfer-Encoding: (7bit|quoted-printable)$/.test(body.headers) ? '' : CRLF;
}

function messageIdOf(id: string): string {
  const clean = id.replace(/[\s<>]+/g, '');
  return `<${clean}>`;
}
