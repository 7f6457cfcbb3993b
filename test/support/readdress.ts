import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Re-addresses a real calendar REPLY from the interop corpus (../shared/interop/imip-reply) to an
 * invitation created by a test, so the lead's interop test can push every client's answer through
 * the real SMTP listener. Only ORGANIZER, the answering ATTENDEE, the VEVENT's UID and the To/From
 * (and optionally Message-ID) headers change; every other byte stays as the client wrote it.
 *
 * Everything works on a latin1 view of the bytes (one char per byte), so offsets are byte offsets and
 * UTF-8 content passes through untouched.
 */
export interface ReaddressSwap {
  /** New ORGANIZER address, normally the invitation's `rsvp+<token>@<inbound domain>`. */
  organizerEmail: string;
  /** New address of the answering ATTENDEE. */
  attendeeEmail: string;
  /** UID of the invitation. */
  uid: string;
  /** New To header (the address the reply is delivered to). */
  to: string;
  /** New From header; defaults to attendeeEmail, as in every REPLY of the corpus. */
  from?: string;
  /** New Message-ID (without brackets); by default the original one is kept. */
  messageId?: string;
}

export function readdressReply(raw: Buffer, swap: ReaddressSwap): Buffer {
  const s = raw.toString('latin1');
  if (/^\s*BEGIN:VCALENDAR/i.test(s)) return wrapBareCalendar(s, swap);
  const headerEnd = findHeaderEnd(s, 0, s.length);
  const body = transformEntity(s, 0, s.length, swap);
  const headers = rewriteRootHeaders(s.slice(0, headerEnd.blockEnd), swap);
  return Buffer.from(headers + body.slice(headerEnd.blockEnd), 'latin1');
}

// ---------------------------------------------------------------------------------------------
// Interop corpus access, shared by the unit specs and the lead's SMTP interop test.

/**
 * The corpus folder: HEARTH_INTEROP_DIR (set by `npm run test:interop -- <dir>`), else ../shared/interop
 * next to the project checkout (CI provides it).
 */
export const INTEROP_DIR = path.resolve(
  process.env.HEARTH_INTEROP_DIR ?? path.join(__dirname, '../../../shared/interop'),
);
export const INTEROP_REPLY_DIR = path.join(INTEROP_DIR, 'imip-reply');

export type ExpectedPartstat = 'ACCEPTED' | 'TENTATIVE' | 'DECLINED' | 'DELEGATED';

export interface ExpectedReply {
  kind: 'rsvp' | 'proposal';
  /** Set for plain answers; proposals carry whatever the client sent. */
  partstat?: ExpectedPartstat;
  /** The answering attendee, lower-cased. */
  attendee: string;
}

export interface InteropReply {
  file: string;
  path: string;
  raw: Buffer;
  /** A bare .ics body rather than a full e-mail. */
  bare: boolean;
  expected: ExpectedReply;
}

// Read from each file by hand, independently of the parser under test.
const CORPUS_ATTENDEES: Record<string, string> = {
  'android-email-reply-accepted.eml': 'david.phan@blue-mind.net',
  'android-email-reply-declined.eml': 'david.phan@blue-mind.net',
  'apple-ical3-mail-reply-accepted.eml': 'xyzzy@example.com',
  'apple-ical5-reply-accepted.ics': 'mail@corneliusweiss.de',
  'blackberry-reply-accepted-with-comment.ics': 'user1@domain1.tld',
  'google-counter-propose-new-time.eml': 'max@gmail.com',
  'google-reply-accepted-2017.ics': 'mail@corneliusweiss.de',
  'google-reply-accepted.eml': 'tcataldo@gmail.com',
  'google-reply-declined.eml': 'tcataldo@gmail.com',
  'google-reply-tentative-2015.ics': 'test1@example.com',
  'google-reply-tentative.eml': 'tcataldo@gmail.com',
  'google-reply-with-valarm-qp.eml': 'marieg@isynet.org',
  'ios-reply-accepted.eml': 'admin@willow.vmw',
  'ios-reply-declined.eml': 'admin@willow.vmw',
  'ios-reply-propose-new-time.ics': 'david@b-m.lan',
  'ios-reply-tentative.eml': 'admin@willow.vmw',
  'outlook-mac-reply-accepted.eml': 'admin@willow.vmw',
  'outlook-mac-reply-declined.eml': 'tom@willow.vmw',
  'outlook-mac-reply-tentative.eml': 'tom@willow.vmw',
  'thunderbird-lightning-reply-accepted.eml': 'tine20admin@caldav.net',
  'thunderbird-lightning-reply-declined.eml': 'tine20admin@caldav.net',
};

// The few names that do not say the answer (checked by hand against the file).
const SILENT_NAMES: Record<string, ExpectedPartstat> = {
  'google-reply-with-valarm-qp.eml': 'ACCEPTED',
};

/** What a corpus file must parse to: the answer comes from its name, the attendee from the table above. */
export function expectedReplyFor(file: string): ExpectedReply {
  const name = file.toLowerCase();
  const silent = SILENT_NAMES[file];
  const attendee = CORPUS_ATTENDEES[file];
  if (!attendee) throw new Error(`interop corpus: add the expected attendee of ${file} to CORPUS_ATTENDEES`);
  if (/counter|propose/.test(name)) return { kind: 'proposal', attendee };
  const partstats: [RegExp, ExpectedPartstat][] = [
    [/accepted/, 'ACCEPTED'],
    [/declined/, 'DECLINED'],
    [/tentative/, 'TENTATIVE'],
    [/delegated/, 'DELEGATED'],
  ];
  const hit = partstats.find(([re]) => re.test(name));
  if (!hit && silent) return { kind: 'rsvp', partstat: silent, attendee };
  if (!hit) throw new Error(`interop corpus: cannot tell the expected answer from the name ${file}`);
  return { kind: 'rsvp', partstat: hit[1], attendee };
}

/** Every file of imip-reply with its expectation. Fails loudly when the corpus is missing. */
export function listInteropReplies(): InteropReply[] {
  if (!existsSync(INTEROP_REPLY_DIR))
    throw new Error(
      `interop corpus missing: ${INTEROP_REPLY_DIR} (run \`npm run test:interop -- <shared>/interop\`; CI checks out ../shared next to the project)`,
    );
  const files = readdirSync(INTEROP_REPLY_DIR)
    .filter((f) => /\.(eml|ics)$/i.test(f))
    .sort();
  if (files.length === 0) throw new Error(`interop corpus empty: ${INTEROP_REPLY_DIR}`);
  return files.map((file) => {
    const full = path.join(INTEROP_REPLY_DIR, file);
    return {
      file,
      path: full,
      raw: readFileSync(full),
      bare: /\.ics$/i.test(file),
      expected: expectedReplyFor(file),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// MIME walk

interface HeaderField {
  name: string;
  /** Unfolded value. */
  value: string;
  start: number;
  /** End of the field, before its line break. */
  end: number;
}

function findHeaderEnd(s: string, start: number, end: number): { fieldsEnd: number; blockEnd: number } {
  // An entity that starts with a blank line has no headers.
  const leading = /^\r?\n/.exec(s.slice(start, Math.min(end, start + 2)));
  if (leading) return { fieldsEnd: start, blockEnd: start + leading[0].length };
  const re = /\r?\n\r?\n/g;
  re.lastIndex = start;
  const m = re.exec(s);
  if (!m || m.index >= end) return { fieldsEnd: end, blockEnd: end };
  return { fieldsEnd: m.index, blockEnd: m.index + m[0].length };
}

function parseHeaderFields(s: string, start: number, end: number): HeaderField[] {
  const fields: HeaderField[] = [];
  const re = /[^\r\n]*(\r?\n|$)/g;
  re.lastIndex = start;
  let current: HeaderField | null = null;
  while (re.lastIndex < end) {
    const m = re.exec(s);
    if (!m || m[0] === '') break;
    const lineStart = m.index;
    const lineEnd = Math.min(m.index + m[0].length - m[1].length, end);
    const line = s.slice(lineStart, lineEnd);
    if (/^[ \t]/.test(line) && current) {
      current.value += line;
      current.end = lineEnd;
    } else {
      const colon = line.indexOf(':');
      current =
        colon > 0
          ? {
              name: line.slice(0, colon).trim().toLowerCase(),
              value: line.slice(colon + 1),
              start: lineStart,
              end: lineEnd,
            }
          : null;
      if (current) fields.push(current);
    }
    if (m.index + m[0].length >= end) break;
  }
  return fields;
}

function parseParams(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const re = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    const v = m[2].trim();
    params.set(m[1].toLowerCase(), v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v);
  }
  return { type, params };
}

/** The entity [start, end) with its calendar parts re-addressed; headers copied as they are. */
function transformEntity(s: string, start: number, end: number, swap: ReaddressSwap): string {
  const { fieldsEnd, blockEnd } = findHeaderEnd(s, start, end);
  const fields = parseHeaderFields(s, start, fieldsEnd);
  const header = (name: string) => fields.find((f) => f.name === name)?.value.replace(/\r?\n/g, '') ?? '';
  const { type, params } = parseParams(header('content-type') || 'text/plain');
  const head = s.slice(start, blockEnd);
  const body = s.slice(blockEnd, end);

  if (type.startsWith('multipart/') && params.get('boundary')) {
    return head + transformMultipartBody(s, blockEnd, end, params.get('boundary') ?? '', swap);
  }
  const filename =
    params.get('name') ?? parseParams(header('content-disposition')).params.get('filename') ?? '';
  const isCalendar =
    type === 'text/calendar' ||
    type === 'application/ics' ||
    (type === 'application/octet-stream' && /\.ics$/i.test(filename));
  if (!isCalendar) return head + body;
  const encoding = header('content-transfer-encoding').trim().toLowerCase();
  return head + transformCalendarBody(body, encoding, swap);
}

function transformMultipartBody(
  s: string,
  start: number,
  end: number,
  boundary: string,
  swap: ReaddressSwap,
): string {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // RFC 2046 §5.1.1: the line break before a delimiter belongs to the delimiter.
  const re = new RegExp(`(^|\\r?\\n)--${escaped}(--)?[ \\t]*(\\r?\\n|$)`, 'g');
  const body = s.slice(start, end);
  const delimiters: { index: number; after: number; closing: boolean }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    delimiters.push({ index: m.index, after: m.index + m[0].length, closing: m[2] === '--' });
    if (m[2] === '--') break;
  }
  let out = '';
  let cursor = 0;
  for (let i = 0; i < delimiters.length; i++) {
    const d = delimiters[i];
    out += body.slice(cursor, d.after);
    cursor = d.after;
    if (d.closing) break;
    const next = delimiters[i + 1];
    const partEnd = next ? next.index : body.length;
    out += transformEntity(s, start + d.after, start + partEnd, swap);
    cursor = partEnd;
  }
  return out + body.slice(cursor);
}

// ---------------------------------------------------------------------------------------------
// Transfer encodings: decode, edit, re-encode in the same encoding and line layout.

function transformCalendarBody(body: string, encoding: string, swap: ReaddressSwap): string {
  if (encoding === 'base64') return transformBase64(body, swap);
  if (encoding === 'quoted-printable') return transformQuotedPrintable(body, swap);
  return applyEdits(body, calendarEdits(body, swap));
}

function transformBase64(body: string, swap: ReaddressSwap): string {
  const first = body.search(/[A-Za-z0-9+/=]/);
  if (first < 0) return body;
  const lastMatch = /[A-Za-z0-9+/=](?=[^A-Za-z0-9+/=]*$)/.exec(body);
  const last = lastMatch ? lastMatch.index + 1 : body.length;
  const block = body.slice(first, last);
  const eol = /\r\n/.test(block) ? '\r\n' : '\n';
  const lineLength = block.split(/\r?\n/)[0].length || 76;
  const decoded = Buffer.from(block.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  const edited = applyEdits(decoded, calendarEdits(decoded, swap));
  const encoded = Buffer.from(edited, 'latin1').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += lineLength) lines.push(encoded.slice(i, i + lineLength));
  return body.slice(0, first) + lines.join(eol) + body.slice(last);
}

interface QpToken {
  /** Decoded bytes ('' for a soft line break). */
  dec: string;
  /** The bytes as written. */
  enc: string;
}

function tokenizeQuotedPrintable(body: string): QpToken[] {
  const tokens: QpToken[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '=') {
      const soft = /^=[ \t]*(\r?\n)/.exec(body.slice(i, i + 80));
      if (soft) {
        tokens.push({ dec: '', enc: soft[0] });
        i += soft[0].length;
        continue;
      }
      const hex = body.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        tokens.push({ dec: String.fromCharCode(parseInt(hex, 16)), enc: body.slice(i, i + 3) });
        i += 3;
        continue;
      }
    }
    if (c === '\r' && body[i + 1] === '\n') {
      tokens.push({ dec: '\r\n', enc: '\r\n' });
      i += 2;
      continue;
    }
    tokens.push({ dec: c, enc: c });
    i += 1;
  }
  return tokens;
}

/**
 * Quoted-printable is rebuilt token by token: untouched bytes keep their exact encoding and soft
 * breaks, only the replaced text is encoded anew (in the style of the part: Apple Mail writes line
 * breaks as =0D=0A, iOS as real ones), with soft breaks added where a line would pass 76 characters.
 */
function transformQuotedPrintable(body: string, swap: ReaddressSwap): string {
  const tokens = tokenizeQuotedPrintable(body);
  const decoded = tokens.map((t) => t.dec).join('');
  const edits = calendarEdits(decoded, swap).sort((a, b) => a.start - b.start);
  if (edits.length === 0) return body;
  const softEol = body.includes('\r\n') ? '\r\n' : '\n';
  const encodedBreaks = tokens.some((t) => /^=0[DA]$/i.test(t.enc));

  let out = '';
  let column = 0;
  let dirty = false;
  const emit = (unit: string, breakable: boolean) => {
    if (breakable && dirty && column + unit.length > 75) {
      out += `=${softEol}`;
      column = 0;
    }
    out += unit;
    column = unit.endsWith('\n') ? 0 : column + unit.length;
    if (unit.endsWith('\n')) dirty = false;
  };
  const encodeReplacement = (text: string) => {
    dirty = true;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (!encodedBreaks && (ch === '\n' || (ch === '\r' && text[i + 1] === '\n'))) {
        const unit = ch === '\r' ? '\r\n' : '\n';
        if (ch === '\r') i++;
        emit(unit, false);
        dirty = true;
        continue;
      }
      const code = ch.charCodeAt(0);
      // RFC 2045 §6.7 rule 3: a space may stay literal unless it would end an encoded line.
      const next = text[i + 1];
      const space = ch === ' ' && next !== undefined && next !== '\r' && next !== '\n';
      const literal = (code > 32 && code < 127 && ch !== '=') || space;
      emit(literal ? ch : `=${code.toString(16).toUpperCase().padStart(2, '0')}`, true);
    }
  };

  let position = 0;
  let e = 0;
  for (let t = 0; t < tokens.length; t++) {
    const edit = edits[e];
    if (edit && position === edit.start) {
      encodeReplacement(edit.text);
      while (t < tokens.length && position < edit.end) {
        position += tokens[t].dec.length;
        t++;
      }
      t--;
      e++;
      continue;
    }
    const token = tokens[t];
    emit(token.enc, token.dec !== '' && !token.enc.endsWith('\n'));
    position += token.dec.length;
  }
  if (e < edits.length && edits[e].start === position) encodeReplacement(edits[e].text);
  return out;
}

// ---------------------------------------------------------------------------------------------
// iCalendar edits

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

interface LogicalLine {
  /** Unfolded content. */
  text: string;
  /** Offset in the source of each unfolded character. */
  offsets: number[];
  start: number;
  /** End of the last physical line, before its line break. */
  end: number;
  eol: string;
}

function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  const re = /([^\r\n]*)(\r\n|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0] !== '') {
    const content = m[1];
    const at = m.index;
    const continuation = /^[ \t]/.test(content) && lines.length > 0;
    const offsets = Array.from({ length: content.length }, (_, i) => at + i);
    if (continuation) {
      const line = lines[lines.length - 1];
      line.text += content.slice(1);
      line.offsets.push(...offsets.slice(1));
      line.end = m.index + content.length;
    } else {
      lines.push({
        text: content,
        offsets,
        start: m.index,
        end: m.index + content.length,
        eol: m[2] || '\r\n',
      });
    }
  }
  return lines;
}

/** Index of the ':' that ends the name and parameters (colons inside quoted values do not count). */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) return i + 1;
  }
  return -1;
}

function calendarEdits(text: string, swap: ReaddressSwap): Edit[] {
  const lines = logicalLines(text);
  const stack: string[] = [];
  let oldAttendee: string | null = null;
  const edits: Edit[] = [];
  for (const line of lines) {
    const name = line.text.split(/[;:]/)[0].trim().toUpperCase();
    const colon = valueStart(line.text);
    const value = colon < 0 ? '' : line.text.slice(colon);
    if (name === 'BEGIN') stack.push(value.trim().toUpperCase());
    else if (name === 'END') stack.pop();
    // Only the VEVENT's own properties: a VALARM's ATTENDEE (Google's e-mail alarm) is someone else.
    if (stack[stack.length - 1] !== 'VEVENT' || colon < 0) continue;
    const unfolded: Edit[] = [];
    if (name === 'UID') {
      unfolded.push({ start: colon, end: line.text.length, text: swap.uid });
    } else if (name === 'ORGANIZER') {
      unfolded.push(...replaceAddress(line.text, addressOf(value), swap.organizerEmail));
    } else if (name === 'ATTENDEE') {
      oldAttendee ??= addressOf(value);
      unfolded.push(...replaceAddress(line.text, oldAttendee, swap.attendeeEmail));
    }
    if (unfolded.length > 0) edits.push(...rewriteLine(text, line, unfolded));
  }
  return edits;
}

function addressOf(value: string): string {
  return value.trim().replace(/^mailto:/i, '');
}

function replaceAddress(line: string, oldAddress: string, newAddress: string): Edit[] {
  if (oldAddress === '') return [];
  const edits: Edit[] = [];
  const lower = line.toLowerCase();
  const needle = oldAddress.toLowerCase();
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) {
    const before = line[i - 1] ?? '';
    const after = line[i + needle.length] ?? '';
    if (
      /[A-Za-z0-9._%+-]/.test(before) ||
      /[A-Za-z0-9-]/.test(after) ||
      (after === '.' && /[A-Za-z]/.test(line[i + needle.length + 1] ?? ''))
    )
      continue;
    edits.push({ start: i, end: i + needle.length, text: latin1(newAddress) });
  }
  return edits;
}

/**
 * The smallest edits (in source offsets) when the line still folds within 75 octets (RFC 5545 §3.1);
 * otherwise one edit refolding the whole logical line with its original line break. A fold inside a
 * replaced address disappears with it; folds elsewhere in the line stay.
 */
function rewriteLine(text: string, line: LogicalLine, unfolded: Edit[]): Edit[] {
  const length = line.text.length;
  const mapped = unfolded.map((e) => {
    const start = e.start < length ? line.offsets[e.start] : line.end;
    const end = e.end > e.start ? line.offsets[e.end - 1] + 1 : start;
    return { start, end, text: e.text };
  });
  const relative = mapped.map((e) => ({ ...e, start: e.start - line.start, end: e.end - line.start }));
  const raw = applyEdits(text.slice(line.start, line.end), relative);
  if (raw.split(/\r?\n/).every((physical) => physical.length <= 75)) return mapped;
  return [{ start: line.start, end: line.end, text: fold(applyEdits(line.text, unfolded), line.eol) }];
}

function fold(content: string, eol: string): string {
  const pieces: string[] = [];
  let rest = content;
  let limit = 75;
  while (rest.length > limit) {
    let cut = limit;
    // Never split a UTF-8 sequence: back off over continuation bytes (0x80–0xBF).
    while (cut > 1 && rest.charCodeAt(cut) >= 0x80 && rest.charCodeAt(cut) < 0xc0) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
    limit = 74;
  }
  pieces.push(rest);
  return pieces.join(`${eol} `);
}

function latin1(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

// ---------------------------------------------------------------------------------------------
// Headers

function rewriteRootHeaders(block: string, swap: ReaddressSwap): string {
  const eol = block.includes('\r\n') ? '\r\n' : '\n';
  let out = block;
  const replacements: [string, string, boolean][] = [
    ['to', swap.to, false],
    ['from', swap.from ?? swap.attendeeEmail, false],
  ];
  if (swap.messageId) replacements.push(['message-id', `<${swap.messageId}>`, true]);
  for (const [name, address, whole] of replacements) {
    const fields = parseHeaderFields(out, 0, out.length);
    const field = fields.find((f) => f.name === name);
    if (!field) {
      const display = name === 'message-id' ? 'Message-ID' : name[0].toUpperCase() + name.slice(1);
      out = `${display}: ${latin1(address)}${eol}${out}`;
      continue;
    }
    const raw = out.slice(field.start, field.end);
    const colon = raw.indexOf(':') + 1;
    const valueRaw = raw.slice(colon);
    let next: string;
    const lt = valueRaw.indexOf('<');
    const gt = valueRaw.indexOf('>', lt + 1);
    if (!whole && lt >= 0 && gt > lt && valueRaw.indexOf('<', lt + 1) < 0) {
      next = raw.slice(0, colon) + valueRaw.slice(0, lt + 1) + latin1(address) + valueRaw.slice(gt);
    } else {
      const leading = /^[ \t]*/.exec(valueRaw)?.[0] ?? ' ';
      next = raw.slice(0, colon) + (leading || ' ') + latin1(address);
    }
    out = out.slice(0, field.start) + next + out.slice(field.end);
  }
  return out;
}

/**
 * A bare .ics from the corpus wrapped as the simplest valid iMIP message (RFC 6047 §2.4): one
 * text/calendar part whose method= matches the body. Line ends become CRLF, as on the wire; the
 * corpus README notes bare LF in these files is a storage artefact of the origin repositories.
 */
function wrapBareCalendar(s: string, swap: ReaddressSwap): Buffer {
  const ics = applyEdits(s, calendarEdits(s, swap));
  const crlf = ics.replace(/\r?\n/g, '\r\n').replace(/(\r\n)?$/, '\r\n');
  const method = /^METHOD:([A-Za-z-]+)\s*$/im.exec(crlf)?.[1]?.toUpperCase() ?? 'REPLY';
  const eightBit = /[\u0080-\u00ff]/.test(crlf);
  const id =
    swap.messageId ??
    `readdressed-${createHash('sha256').update(crlf, 'latin1').update(JSON.stringify(swap)).digest('hex').slice(0, 32)}@readdress.test`;
  const headers = [
    `From: ${swap.from ?? swap.attendeeEmail}`,
    `To: ${swap.to}`,
    'Subject: Calendar reply',
    'Date: Thu, 01 Jan 2026 00:00:00 +0000',
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
    `Content-Type: text/calendar; charset=UTF-8; method=${method}`,
    `Content-Transfer-Encoding: ${eightBit ? '8bit' : '7bit'}`,
  ];
  return Buffer.from(`${latin1(headers.join('\r\n'))}\r\n\r\n${crlf}`, 'latin1');
}
