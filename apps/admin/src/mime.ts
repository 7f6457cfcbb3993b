/**
 * Just enough RFC 5322 / MIME parsing to read the dev mailbox: headers (unfolded, RFC 2047 words
 * decoded), multipart trees, quoted-printable and base64 bodies. Not a general mail parser.
 */

export interface MimeHeader {
  name: string;
  value: string;
}

export interface MimePart {
  headers: MimeHeader[];
  contentType: string;
  params: Record<string, string>;
  /** Decoded bytes of a leaf part (empty for multiparts). */
  bytes: Uint8Array;
  parts: MimePart[];
  filename: string | null;
}

function splitHeadersAndBody(raw: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return [raw, ''];
  return [raw.slice(0, match.index), raw.slice(match.index + match[0].length)];
}

const latin1Bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

function decodeText(bytes: Uint8Array, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function base64Bytes(text: string): Uint8Array {
  try {
    return latin1Bytes(atob(text.replace(/[^A-Za-z0-9+/=]/g, '')));
  } catch {
    return new Uint8Array();
  }
}

function quotedPrintableBytes(text: string, underscoresAreSpaces = false): Uint8Array {
  const source = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      out.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (underscoresAreSpaces && c === '_') {
      out.push(0x20);
    } else {
      // Raw (8bit) characters outside ASCII are re-encoded as UTF-8.
      const code = c.charCodeAt(0);
      if (code < 0x80) out.push(code);
      else out.push(...new TextEncoder().encode(c));
    }
  }
  return Uint8Array.from(out);
}

/** RFC 2047 encoded words (=?utf-8?B?...?= / =?utf-8?Q?...?=); whitespace between adjacent words is dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? base64Bytes(text) : quotedPrintableBytes(text, true);
      return decodeText(bytes, charset.replace(/\*.*$/, ''));
    });
}

export function parseHeaders(block: string): MimeHeader[] {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const headers: MimeHeader[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim(), value: decodeWords(line.slice(colon + 1).trim()) });
  }
  return headers;
}

export const headerValue = (headers: MimeHeader[], name: string): string | undefined =>
  headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** "text/plain; charset=utf-8; name=\"x.ics\"" → type and lower-cased parameter names. */
export function parseParams(value: string | undefined): { value: string; params: Record<string, string> } {
  if (!value) return { value: '', params: {} };
  const [first, ...rest] = value.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const params: Record<string, string> = {};
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim().toLowerCase();
    let v = item.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    params[key] = v;
  }
  return { value: first.trim().toLowerCase(), params };
}

export function parseMime(raw: string, depth = 0): MimePart {
  const [head, body] = splitHeadersAndBody(raw);
  const headers = parseHeaders(head);
  const type = parseParams(headerValue(headers, 'Content-Type') ?? 'text/plain; charset=utf-8');
  const disposition = parseParams(headerValue(headers, 'Content-Disposition'));
  const filename = disposition.params.filename ?? type.params.name ?? null;
  const boundary = type.params.boundary;
  if (type.value.startsWith('multipart/') && boundary && depth < 10) {
    const delimiter = `--${boundary}`;
    const chunks = body.split(delimiter);
    const parts: MimePart[] = [];
    // chunks[0] is the preamble; a chunk starting with "--" is the closing delimiter.
    for (const chunk of chunks.slice(1)) {
      if (chunk.startsWith('--')) break;
      parts.push(parseMime(chunk.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''), depth + 1));
    }
    return {
      headers,
      contentType: type.value,
      params: type.params,
      bytes: new Uint8Array(),
      parts,
      filename,
    };
  }
  const encoding = (headerValue(headers, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? base64Bytes(body)
      : encoding === 'quoted-printable'
        ? quotedPrintableBytes(body)
        : new TextEncoder().encode(body);
  return { headers, contentType: type.value, params: type.params, bytes, parts: [], filename };
}

export function leafParts(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leafParts) : [part];
}

/** The first text/plain part that is not an attachment, decoded with its charset. */
export function plainText(message: MimePart): string | null {
  const part = leafParts(message).find((p) => p.contentType === 'text/plain' && !p.filename);
  return part ? decodeText(part.bytes, part.params.charset ?? 'utf-8') : null;
}
