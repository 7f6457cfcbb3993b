import { createHash } from 'node:crypto';
import {
  classifyReply,
  extractReplyToken,
  isEmailAddress,
  ParsedReply,
  parseReplyCalendar,
} from '@app/calendar';
import type { AddressObject, EmailAddress, HeaderValue, ParsedMail, SimpleParserOptions } from 'mailparser';
import { detectAutomation, HeaderReader } from './automation';
import { decodeCalendarText, findCalendarParts, MAX_CALENDAR_PART_DEPTH } from './calendar-part';
import {
  AutomationSignal,
  InboundEnvelope,
  InboundFlags,
  InboundParseResult,
  InboundRefusalReason,
  ParseInboundOptions,
} from '../inbound.types';

/** mailparser (and the HTML parser it brings) loads on the first inbound message, not at start: it costs memory. */
async function simpleParser(source: Buffer, options: SimpleParserOptions): Promise<ParsedMail> {
  return (await import('mailparser')).simpleParser(source, options);
}

const PARSER_OPTIONS: SimpleParserOptions = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  keepCidLinks: true,
};

/** Header block read for the metadata of a message refused as too large. */
const MAX_HEADER_BLOCK = 64 * 1024;

// RFC 5322 §3.6: these occur at most once. A second From or Message-ID is how a forged or spliced
// message disagrees with itself, and a second Content-Type makes the MIME tree ambiguous.
const SINGLETON_HEADERS = [
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
];

/**
 * Reads one inbound e-mail as a calendar answer, without I/O and without throwing: every input
 * yields either the parsed reply and its intent, or a refusal with an enumerated reason. Nothing
 * here decides whether the answer is authentic (token, UID, invited address, SEQUENCE): the caller
 * does that against the database, with the SMTP envelope in hand.
 */
export async function parseInboundEmail(raw: Buffer, opts: ParseInboundOptions): Promise<InboundParseResult> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
  try {
    return await parseUnsafe(bytes, raw, opts);
  } catch (error) {
    return refusedEnvelope(
      bytes,
      'malformed_mime',
      `unexpected: ${error instanceof Error ? error.name : 'error'}`,
    );
  }
}

async function parseUnsafe(
  bytes: Buffer,
  input: unknown,
  opts: ParseInboundOptions,
): Promise<InboundParseResult> {
  if (!Buffer.isBuffer(input)) return refusedEnvelope(bytes, 'malformed_mime', 'input is not a Buffer');
  if (bytes.length > opts.maxBytes) return tooLarge(bytes, opts);
  if (bytes.length === 0) return refusedEnvelope(bytes, 'malformed_mime', 'empty message');

  const headerEnd = findHeaderEnd(bytes);
  const headerProblem = rawHeaderProblem(bytes.subarray(0, headerEnd));

  let mail: ParsedMail;
  try {
    mail = await simpleParser(bytes, PARSER_OPTIONS);
  } catch (error) {
    return refusedEnvelope(bytes, 'malformed_mime', error instanceof Error ? error.message : 'unparseable');
  }
  const envelope = buildEnvelope(bytes, mail, opts);
  const refuse = (reason: InboundRefusalReason, detail: string, reply?: ParsedReply): InboundParseResult => ({
    ...envelope,
    ok: false,
    reason,
    detail: detail.slice(0, 300),
    ...(reply ? { reply } : {}),
  });

  if (headerProblem) return refuse('malformed_headers', headerProblem);
  const duplicate = duplicateSingleton(mail);
  if (duplicate) return refuse('malformed_headers', `${duplicate} header repeated`);
  const controls = decodedHeaderControls(mail);
  if (controls) return refuse('malformed_headers', `control characters in decoded ${controls}`);

  const from = singleFrom(mail);
  if (!from.ok) return refuse('invalid_from', from.detail);
  if (envelope.flags.loop) return refuse('loop', 'From is one of our own addresses');
  if (envelope.flags.bounce) return refuse('bounce', bounceDetail(mail, from.address));

  const decisive = envelope.flags.automation.find((s) => s.decisive);
  if (decisive) return refuse('auto_reply', automationDetail(decisive));

  const parts = findCalendarParts(mail.attachments);
  envelope.flags.calendarParts = parts.length;
  const part = parts[0];
  if (!part) {
    const soft = envelope.flags.automation[0];
    return soft
      ? refuse('auto_reply', `${automationDetail(soft)}, and no calendar`)
      : refuse('no_calendar', 'no text/calendar or application/ics part');
  }
  envelope.flags.calendarPart = part.info;
  if (part.depth > MAX_CALENDAR_PART_DEPTH)
    return refuse('malformed_mime', `calendar part nested ${part.depth} deep`);

  const decoded = decodeCalendarText(part.content, part.info.charset);
  if (!decoded.ok) return refuse('bad_charset', decoded.detail);

  const parsed = parseReplyCalendar(decoded.text, { mimeMethod: part.info.mimeMethod });
  if (!parsed.ok) return refuse(parsed.reason, parsed.detail);
  const reply = parsed.reply;
  envelope.flags.methodMismatch =
    reply.methodSource === 'body' && part.info.mimeMethod !== null && part.info.mimeMethod !== reply.method;
  envelope.tokens.organizer = reply.organizer ? extractReplyToken(reply.organizer, opts.inboundDomain) : null;

  const intent = classifyReply(reply);
  if (intent.kind === 'refused') return refuse(intent.reason, intent.detail, reply);
  envelope.flags.fromMatchesAttendee = intent.attendee === from.address;
  return { ...envelope, ok: true, reply, intent };
}

function buildEnvelope(bytes: Buffer, mail: ParsedMail, opts: ParseInboundOptions): InboundEnvelope {
  const header = headerReader(mail);
  const messageId = cleanMessageId(mail.messageId);
  const fromAddress = singleFrom(mail);
  const from = fromAddress.ok ? fromAddress.address : null;
  const subject = typeof mail.subject === 'string' ? mail.subject.trim().slice(0, 998) : null;
  const automation = detectAutomation(header, subject);
  const flags: InboundFlags = {
    messageIdSynthesized: messageId === null,
    automated: automation.length > 0,
    automation,
    bounce: isBounce(header, from),
    loop: from !== null && isOwnAddress(from, opts),
    calendarParts: 0,
    calendarPart: null,
    methodMismatch: false,
    fromMatchesAttendee: null,
  };
  return {
    messageId: messageId ?? synthesizedMessageId(bytes),
    from,
    subject: subject === null || hasControlCharacter(subject) ? null : subject,
    date: mail.date instanceof Date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    flags,
    tokens: { organizer: null, recipients: recipientTokens(mail, opts.inboundDomain) },
  };
}

/** Refused before (or without) a usable parse: only what the raw bytes tell. */
function refusedEnvelope(bytes: Buffer, reason: InboundRefusalReason, detail: string): InboundParseResult {
  return {
    messageId: synthesizedMessageId(bytes),
    from: null,
    subject: null,
    date: null,
    flags: {
      messageIdSynthesized: true,
      automated: false,
      automation: [],
      bounce: false,
      loop: false,
      calendarParts: 0,
      calendarPart: null,
      methodMismatch: false,
      fromMatchesAttendee: null,
    },
    tokens: { organizer: null, recipients: [] },
    ok: false,
    reason,
    detail: detail.slice(0, 300),
  };
}

/** The body is never parsed; the header block alone still gives Message-ID, From and Subject. */
async function tooLarge(bytes: Buffer, opts: ParseInboundOptions): Promise<InboundParseResult> {
  const detail = `message is ${bytes.length} bytes, limit ${opts.maxBytes}`;
  const headerEnd = findHeaderEnd(bytes);
  if (headerEnd > MAX_HEADER_BLOCK || rawHeaderProblem(bytes.subarray(0, headerEnd)))
    return refusedEnvelope(bytes, 'too_large', detail);
  try {
    const mail = await simpleParser(
      Buffer.concat([bytes.subarray(0, headerEnd), Buffer.from('\r\n\r\n')]),
      PARSER_OPTIONS,
    );
    return { ...buildEnvelope(bytes, mail, opts), ok: false, reason: 'too_large', detail };
  } catch {
    return refusedEnvelope(bytes, 'too_large', detail);
  }
}

// Header values such as `auto-replied` are safe to log; a subject is the sender's words and is not.
function automationDetail(signal: AutomationSignal): string {
  return signal.source === 'subject' ? 'out-of-office subject' : `${signal.source}: ${signal.value}`;
}

function headerReader(mail: ParsedMail): HeaderReader {
  return (name) => headerStrings(mail.headers.get(name));
}

function headerStrings(value: HeaderValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (value instanceof Date) return [value.toISOString()];
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : v.value));
  if ('value' in value && typeof value.value === 'string') return [value.value];
  if ('text' in value) return [value.text];
  return [];
}

function findHeaderEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length === 0 ? bytes.length : Math.min(...ends);
}

/** RFC 5322 §2.2: header fields are printable US-ASCII (or UTF-8, RFC 6532) lines ending in CRLF. */
function rawHeaderProblem(block: Buffer): string | null {
  if (block.includes(0)) return 'NUL in header block';
  for (let i = block.indexOf(13); i >= 0; i = block.indexOf(13, i + 1)) {
    if (block[i + 1] !== 10) return 'bare CR in header block';
  }
  return null;
}

function duplicateSingleton(mail: ParsedMail): string | null {
  const seen = new Set<string>();
  for (const { key } of mail.headerLines) {
    const name = key.toLowerCase();
    if (!SINGLETON_HEADERS.includes(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}

// Encoded words (RFC 2047) can smuggle CR, LF or NUL into a decoded header; no calendar client
// writes that, and such a value must never reach a log line or an outgoing header.
function decodedHeaderControls(mail: ParsedMail): string | null {
  if (typeof mail.subject === 'string' && hasControlCharacter(mail.subject)) return 'Subject';
  if (typeof mail.messageId === 'string' && hasControlCharacter(mail.messageId)) return 'Message-ID';
  for (const [field, value] of [
    ['From', mail.from],
    ['To', mail.to],
    ['Cc', mail.cc],
  ] as const) {
    for (const a of flattenAddresses(value)) {
      if (hasControlCharacter(a.name ?? '') || hasControlCharacter(a.address ?? '')) return field;
    }
  }
  return null;
}

/** C0 controls (TAB excepted: folded headers keep it) and DEL. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

function singleFrom(mail: ParsedMail): { ok: true; address: string } | { ok: false; detail: string } {
  const entries = mail.from?.value ?? [];
  if (entries.length === 0) return { ok: false, detail: 'no From' };
  if (entries.length > 1 || entries[0].group) return { ok: false, detail: 'more than one From address' };
  const address = (entries[0].address ?? '').trim().toLowerCase();
  if (!isEmailAddress(address)) return { ok: false, detail: 'From is not a plain address' };
  return { ok: true, address };
}

function isOwnAddress(address: string, opts: ParseInboundOptions): boolean {
  const own = (opts.ownAddresses ?? []).map((a) => a.trim().toLowerCase());
  if (own.includes(address)) return true;
  const domain = (opts.inboundDomain ?? '').trim().replace(/\.$/, '').toLowerCase();
  if (domain === '') return false;
  const at = address.slice(address.lastIndexOf('@') + 1);
  return at === domain || at.endsWith(`.${domain}`);
}

function isBounce(header: HeaderReader, from: string | null): boolean {
  const contentType = header('content-type')[0]?.toLowerCase() ?? '';
  if (contentType === 'multipart/report') return true;
  if (header('x-failed-recipients').length > 0) return true;
  const local = from?.slice(0, from.lastIndexOf('@')) ?? '';
  return local === 'mailer-daemon' || local === 'postmaster';
}

function bounceDetail(mail: ParsedMail, from: string): string {
  const contentType = headerStrings(mail.headers.get('content-type'))[0]?.toLowerCase();
  if (contentType === 'multipart/report') return 'multipart/report';
  if (mail.headers.has('x-failed-recipients')) return 'X-Failed-Recipients';
  return `From ${from.slice(0, from.lastIndexOf('@'))}`;
}

function recipientTokens(mail: ParsedMail, inboundDomain: string): string[] {
  const tokens = new Set<string>();
  for (const a of [...flattenAddresses(mail.to), ...flattenAddresses(mail.cc)]) {
    const token = a.address ? extractReplyToken(a.address, inboundDomain) : null;
    if (token) tokens.add(token);
  }
  return [...tokens];
}

function flattenAddresses(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: EmailAddress[] = [];
  const walk = (entries: EmailAddress[]) => {
    for (const e of entries) {
      out.push(e);
      if (e.group) walk(e.group);
    }
  };
  for (const o of objects) walk(o.value ?? []);
  return out;
}

/** RFC 5322 §3.6.4 msg-id without its angle brackets; null when absent or not plausible. */
function cleanMessageId(value: string | undefined): string | null {
  if (typeof value !== 'string') return null;
  const id = value.trim().replace(/^<|>$/g, '');
  return /^[\u0021-\u003B\u003D\u003F-\u007E]{1,500}$/.test(id) && id.includes('@') ? id : null;
}

/** Stable for the same bytes, so a re-delivered message without Message-ID is still a duplicate. */
function synthesizedMessageId(bytes: Buffer): string {
  return `sha256-${createHash('sha256').update(bytes).digest('hex')}@synthesized.invalid`;
}
