/*
 * The encoders behind mime-writer.ts: transfer encodings of bodies (7bit, quoted-printable, base64),
 * RFC 2047 encoded-words and folding of header lines. Pure functions over strings; all output is
 * 7-bit ASCII with CRLF line ends.
 */

export type TransferEncoding = '7bit' | 'quoted-printable' | 'base64';

const CRLF = '\r\n';
/** Longest body line (RFC 2045 §6.7, §6.8), not counting CRLF. */
const MAX_BODY_LINE = 76;
/** Header lines are folded to at most this many characters where they can be (RFC 5322 §2.1.1). */
const MAX_HEADER_LINE = 78;
/** UTF-8 bytes per B encoded-word: 39 bytes are 52 base64 chars, a 64-char word with its frame. */
const WORD_BYTES = 39;

/** C0 controls and DEL, which a header may not carry. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\x00-\x1f\x7f]/g;

// eslint-disable-next-line no-control-regex
const NOT_PLAIN = /[^\x09\x0a\x0d\x20-\x7e]/;

/** A line longer than 76 characters (CR not counted); indexOf, as a regex backtracks at every position. */
function hasLongLine(text: string): boolean {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    const length = stop - start - (stop > start && text.charCodeAt(stop - 1) === 0x0d ? 1 : 0);
    if (length > MAX_BODY_LINE) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}

const IS_LATIN = Uint8Array.from({ length: 128 }, (_, c) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 0,
);
/** The characters nodemailer counts as non-Latin besides 8-bit ones (C0 controls but TAB, LF, CR). */
const IS_CONTROL = Uint8Array.from({ length: 128 }, (_, c) =>
  c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d ? 1 : 0,
);

/**
 * The transfer encoding nodemailer picks for a text part: 7bit for plain ASCII with short lines,
 * otherwise quoted-printable when Latin letters outnumber 8-bit and control characters, else base64.
 */
export function textTransferEncoding(text: string): TransferEncoding {
  if (!NOT_PLAIN.test(text) && !hasLongLine(text)) return '7bit';
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) other++;
    else {
      latin += IS_LATIN[c];
      other += IS_CONTROL[c];
    }
  }
  return other < latin ? 'quoted-printable' : 'base64';
}

/** The body in the given transfer encoding, lines <= 76 characters, CRLF line ends. */
export function encodeBody(text: string, encoding: TransferEncoding): string {
  // Every line end, a lone CR or LF included, becomes CRLF: a bare CR must never reach the SMTP data.
  if (encoding === '7bit') return text.replace(/\r\n|\r|\n/g, CRLF);
  if (encoding === 'base64') return base64Lines(Buffer.from(text, 'utf8'));
  return quotedPrintable(text);
}

/** Base64 in lines of 76 characters. */
export function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString('base64');
  if (b64.length <= MAX_BODY_LINE) return b64;
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += MAX_BODY_LINE) lines.push(b64.slice(i, i + MAX_BODY_LINE));
  return lines.join(CRLF);
}

/** Runs of non-ASCII characters, as UTF-8 =XX triplets. */
function qpNonAscii(run: string): string {
  try {
    return encodeURIComponent(run).replace(/%/g, '=');
  } catch {
    // a lone surrogate: the bytes Buffer writes for it (U+FFFD)
    return Buffer.from(run, 'utf8').toString('hex').toUpperCase().replace(/../g, '=$&');
  }
}

/** Control characters (a CR that does not end a line included) and whitespace that ends a line. */
// eslint-disable-next-line no-control-regex
const QP_CONTROL_OR_TRAILING_SPACE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|[ \t]+(?=\r?\n|$)/g;

/** Every character of the run as =XX (they are all ASCII). */
function qpEscapeAscii(run: string): string {
  let out = '';
  for (let i = 0; i < run.length; i++) out += `=${hex2(run.charCodeAt(i))}`;
  return out;
}

function hex2(c: number): string {
  return c.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Quoted-printable (RFC 2045 §6.7) of the UTF-8 bytes: line breaks of the text stay hard CRLF breaks,
 * whitespace before them is encoded, and soft breaks ('=' CRLF) keep every line <= 76 characters
 * without splitting an =XX triplet. Whole-text replaces, not a loop over bytes: most of our text is
 * ASCII with a few '=' and non-ASCII runs.
 */
export function quotedPrintable(text: string): string {
  let encoded = text.indexOf('=') >= 0 ? text.replace(/=/g, '=3D') : text;
  encoded = encoded.replace(/[\u0080-\uffff]+/g, qpNonAscii);
  encoded = encoded.replace(QP_CONTROL_OR_TRAILING_SPACE, qpEscapeAscii);
  const lines = encoded.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++)
    if (lines[i].length >= MAX_BODY_LINE) lines[i] = softBreaks(lines[i]);
  return lines.join(CRLF);
}

/** Splits an encoded line into pieces of <= 75 characters plus '=', never inside an =XX triplet. */
function softBreaks(line: string): string {
  let out = '';
  let rest = line;
  while (rest.length >= MAX_BODY_LINE) {
    let cut = MAX_BODY_LINE - 1;
    if (rest.charCodeAt(cut - 1) === 0x3d) cut -= 1;
    else if (rest.charCodeAt(cut - 2) === 0x3d) cut -= 2;
    out += rest.slice(0, cut) + '=' + CRLF;
    rest = rest.slice(cut);
  }
  return out + rest;
}

/** True when the header value can go out as it is: printable ASCII and tabs only. */
export function isPlainHeaderText(value: string): boolean {
  return /^[\x20-\x7e\t]*$/.test(value);
}

/**
 * RFC 2047 B encoded-words for a value, each of whole UTF-8 characters and at most 64 characters
 * long, joined by a space (the folding points of foldHeader).
 */
export function encodedWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  let chunkBytes = 0;
  for (const ch of value) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (chunkBytes + size > WORD_BYTES && chunk) {
      words.push(`=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
      chunk = '';
      chunkBytes = 0;
    }
    chunk += ch;
    chunkBytes += size;
  }
  if (chunk || !words.length) words.push(`=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
  return words.join(' ');
}

/** An unstructured header value (Subject, custom headers): as is when plain ASCII, else encoded-words. */
export function encodeUnstructured(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  // A word too long to fold (a pasted URL) goes as encoded-words, which split anywhere: no line nears 998.
  return isPlainHeaderText(clean) && !/\S{900}/.test(clean)
    ? clean
    : encodedWords(clean.replace(CONTROL_CHARS, ' '));
}

/**
 * "Name: value" folded at spaces so that lines stay <= 78 characters where a space allows it
 * (a longer word stays whole: the hard limit is 998).
 */
export function foldHeader(name: string, value: string): string {
  const line = `${name}: ${value}`;
  if (line.length <= MAX_HEADER_LINE) return line;
  let out = '';
  let current = '';
  // Runs of spaces fold as one: a continuation line is never only whitespace.
  for (const word of line.split(' ').filter(Boolean)) {
    if (!current) current = word;
    else if (current.length + 1 + word.length <= MAX_HEADER_LINE) current += ' ' + word;
    else {
      out += current + CRLF;
      current = ' ' + word;
    }
  }
  return out + current;
}

/** A display name for an address header: bare atoms, a quoted string, or encoded-words. */
export function encodeDisplayName(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (isPlainHeaderText(name)) return `"${name.replace(/[\\"]/g, '\\$&')}"`;
  return encodedWords(name.replace(CONTROL_CHARS, ' '));
}

/** A MIME parameter (name=, filename=): a token, a quoted string, or RFC 2231 for non-ASCII. */
export function mimeParameter(key: string, value: string): string {
  const clean = value.replace(CONTROL_CHARS, '');
  if (/^[\w.!#$%&'*+^`{|}~-]+$/.test(clean)) return `${key}=${clean}`;
  if (isPlainHeaderText(clean)) return `${key}="${clean.replace(/[\\"]/g, '\\$&')}"`;
  const pct = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${key}*=utf-8''${pct}`;
}
