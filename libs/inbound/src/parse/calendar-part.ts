import type { Attachment, HeaderValue } from 'mailparser';
import { TextDecoder } from 'node:util';
import { CalendarPartInfo } from '../inbound.types';

/** Real clients nest the calendar two levels deep at most (Apple Mail 2008); 200 levels is an attack. */
export const MAX_CALENDAR_PART_DEPTH = 8;

export interface CalendarPart {
  info: CalendarPartInfo;
  content: Buffer;
  /** Number of MIME levels above the part (from its IMAP part number). */
  depth: number;
}

const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics']);

/**
 * Every calendar part, best first. RFC 6047 §2.4 makes the text/calendar part the iMIP body; the
 * application/ics copy Google and Lightning add is read only when there is no text/calendar.
 * (Google's COUNTER fixture shows the two copies need not even agree.) Parts inside an attached
 * message/rfc822 are not reached: mailparser keeps those opaque, and a forwarded invitation is not
 * an answer.
 */
export function findCalendarParts(attachments: readonly Attachment[]): CalendarPart[] {
  const parts: CalendarPart[] = [];
  for (const attachment of attachments) {
    const contentType = (attachment.contentType ?? '').toLowerCase();
    const isIcsFile = /\.ics$/i.test(attachment.filename ?? '') && contentType === 'application/octet-stream';
    if (!CALENDAR_TYPES.has(contentType) && !isIcsFile) continue;
    const params = structuredParams(attachment.headers.get('content-type'));
    const partId =
      typeof attachment.partId === 'string' && attachment.partId !== '' ? attachment.partId : null;
    parts.push({
      info: {
        contentType: isIcsFile ? 'application/octet-stream' : contentType,
        mimeMethod: params.method ? params.method.trim().toUpperCase() : null,
        charset: params.charset ? params.charset.trim() : null,
        partId,
        filename: attachment.filename ?? null,
      },
      content: attachment.content,
      depth: partId === null ? 0 : partId.split('.').length,
    });
  }
  const rank = (p: CalendarPart) => (p.info.contentType === 'text/calendar' ? 0 : 1);
  return parts
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

export type DecodeResult = { ok: true; text: string } | { ok: false; detail: string };

/**
 * The part's text. RFC 5545 §3.1.4 makes UTF-8 the default; a `us-ascii` label on 8-bit content is a
 * common mislabel (BlueMind's 8-bit declared 7bit) and is read as UTF-8 too. Any other label must be
 * one the runtime knows, and the bytes must be valid in it: a guessed decoding could change an address.
 */
export function decodeCalendarText(content: Buffer, charset: string | null): DecodeResult {
  const label = (charset ?? 'utf-8').trim().toLowerCase().replace(/^"|"$/g, '');
  const utf8Like = label === '' || ['utf-8', 'utf8', 'us-ascii', 'ascii', 'ansi_x3.4-1968'].includes(label);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(utf8Like ? 'utf-8' : label, { fatal: true });
  } catch {
    return { ok: false, detail: 'unknown charset' };
  }
  try {
    return { ok: true, text: decoder.decode(content) };
  } catch {
    return { ok: false, detail: `bytes are not valid ${utf8Like ? 'utf-8' : decoder.encoding}` };
  }
}

function structuredParams(value: HeaderValue | undefined): Record<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'params' in value) {
    const params: unknown = value.params;
    if (params && typeof params === 'object') {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
        if (typeof v === 'string') out[k.toLowerCase()] = v;
      }
      return out;
    }
  }
  return {};
}
