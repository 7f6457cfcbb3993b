import { INBOUND_REFUSAL_REASONS, InboundRefusalReason } from '@app/inbound';

/**
 * Deterministic hostile and broken inbound mail for the calendar-reply pipeline. The unit specs feed
 * it to parseInboundEmail; the SMTP end-to-end test pushes the same messages through the listener.
 * Every case must be refused; `expectedReasons` lists the refusals that are right for it.
 */
export type MalformedCategory =
  | 'no_boundary'
  | 'deep_nesting'
  | 'bad_charset'
  | 'huge_part'
  | 'missing_headers'
  | 'nul_bytes'
  | 'header_injection'
  | 'truncated_base64'
  | 'invalid_ical'
  | 'two_attendees'
  | 'missing_uid'
  | 'not_reply'
  | 'bad_answer'
  | 'loop'
  | 'auto_reply'
  | 'bounce'
  | 'garbage';

export interface MalformedCase {
  /** Stable name, e.g. `0042-invalid_ical-end-mismatch`. */
  id: string;
  category: MalformedCategory;
  variant: string;
  raw: Buffer;
  expectedReasons: readonly InboundRefusalReason[];
}

export interface MalformedOptions {
  /** Messages above this size must be refused as too_large; the huge cases exceed it. */
  maxBytes: number;
  count?: number;
  seed?: number;
  inboundDomain?: string;
  /** One of the addresses the pipeline treats as its own (for the loop cases). */
  ownAddress?: string;
}

export type ReplyShape = 'single' | 'alternative' | 'mixed-ics' | 'quoted-printable' | 'base64';
export const REPLY_SHAPES: readonly ReplyShape[] = [
  'single',
  'alternative',
  'mixed-ics',
  'quoted-printable',
  'base64',
];

export interface ReplyParams {
  organizer: string;
  attendee: string;
  uid: string;
  partstat: string;
  sequence: number;
  method: string;
}

export interface MessageParams {
  /** Header lines (without line breaks); replaced wholesale when given. */
  headers?: string[];
  /** Extra header lines appended to the defaults. */
  extraHeaders?: string[];
  from?: string;
  to?: string;
  subject?: string;
  messageId?: string;
  shape?: ReplyShape;
  /** The calendar body as bytes (may be deliberately invalid). */
  calendar: Buffer;
  /** `charset=` of the calendar part. */
  charset?: string;
  /** `method=` of the calendar part; null for none. */
  mimeMethod?: string | null;
}

const CRLF = '\r\n';

/** A valid REPLY body, one content line per array entry (mutations work on the lines). */
export function replyCalendarLines(p: ReplyParams): string[] {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hearth tests//malformed-mail//EN',
    `METHOD:${p.method}`,
    'BEGIN:VEVENT',
    `UID:${p.uid}`,
    'DTSTAMP:20260101T120000Z',
    'DTSTART:20260110T180000Z',
    'DTEND:20260110T200000Z',
    `SEQUENCE:${p.sequence}`,
    `ORGANIZER:mailto:${p.organizer}`,
    `ATTENDEE;CN=Member;PARTSTAT=${p.partstat}:mailto:${p.attendee}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
}

export function calendarBytes(lines: string[]): Buffer {
  return Buffer.from(lines.join(CRLF) + CRLF, 'utf8');
}

/** A complete iMIP reply e-mail in one of the shapes real clients use. */
export function buildReplyMessage(m: MessageParams): Buffer {
  const shape = m.shape ?? 'alternative';
  const headers = m.headers ?? [
    `From: ${m.from ?? 'Member <member@example.org>'}`,
    `To: ${m.to ?? 'rsvp+AAAAAAAAAAAAAAAAAAAAAA@inbound.hearth.test'}`,
    `Subject: ${m.subject ?? 'Accepted: Community meetup'}`,
    'Date: Thu, 01 Jan 2026 12:00:00 +0000',
    `Message-ID: <${m.messageId ?? 'generated@malformed.test'}>`,
    'MIME-Version: 1.0',
  ];
  const method = m.mimeMethod === undefined ? 'REPLY' : m.mimeMethod;
  const calType = `text/calendar; charset=${m.charset ?? 'UTF-8'}${method ? `; method=${method}` : ''}`;
  const all = [...headers, ...(m.extraHeaders ?? [])];
  const head = (lines: string[]) => Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1');
  const text = (s: string) => Buffer.from(s, 'latin1');

  switch (shape) {
    case 'single':
      return Buffer.concat([
        head([...all, `Content-Type: ${calType}`, 'Content-Transfer-Encoding: 8bit']),
        m.calendar,
      ]);
    case 'quoted-printable':
      return Buffer.concat([
        head([...all, `Content-Type: ${calType}`, 'Content-Transfer-Encoding: quoted-printable']),
        text(encodeQuotedPrintable(m.calendar)),
      ]);
    case 'base64':
      return Buffer.concat([
        head([...all, `Content-Type: ${calType}`, 'Content-Transfer-Encoding: base64']),
        text(encodeBase64(m.calendar)),
      ]);
    case 'alternative':
    case 'mixed-ics': {
      const alt = Buffer.concat([
        text(`--alt${CRLF}Content-Type: text/plain; charset=UTF-8${CRLF}${CRLF}Member has accepted.${CRLF}`),
        text(`--alt${CRLF}Content-Type: ${calType}${CRLF}Content-Transfer-Encoding: 8bit${CRLF}${CRLF}`),
        m.calendar,
        text(`${CRLF}--alt--${CRLF}`),
      ]);
      if (shape === 'alternative')
        return Buffer.concat([head([...all, 'Content-Type: multipart/alternative; boundary="alt"']), alt]);
      return Buffer.concat([
        head([...all, 'Content-Type: multipart/mixed; boundary="mix"']),
        text(`--mix${CRLF}Content-Type: multipart/alternative; boundary="alt"${CRLF}${CRLF}`),
        alt,
        text(`--mix${CRLF}Content-Type: application/ics; name="invite.ics"${CRLF}`),
        text(
          `Content-Disposition: attachment; filename="invite.ics"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`,
        ),
        text(encodeBase64(m.calendar)),
        text(`${CRLF}--mix--${CRLF}`),
      ]);
    }
  }
}

export function encodeBase64(bytes: Buffer, lineLength = 76): string {
  const b64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += lineLength) lines.push(b64.slice(i, i + lineLength));
  return lines.join(CRLF) + CRLF;
}

export function encodeQuotedPrintable(bytes: Buffer): string {
  let out = '';
  let column = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 13 && bytes[i + 1] === 10) {
      out += CRLF;
      column = 0;
      i++;
      continue;
    }
    const unit =
      (b > 32 && b < 127 && b !== 61) || (b === 32 && bytes[i + 1] !== 13)
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (column + unit.length > 75) {
      out += `=${CRLF}`;
      column = 0;
    }
    out += unit;
    column += unit.length;
  }
  return out;
}

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ctx {
  index: number;
  rnd: () => number;
  pick: <T>(items: readonly T[]) => T;
  int: (min: number, max: number) => number;
  reply: ReplyParams;
  shape: ReplyShape;
  message: (calendar: Buffer, extra?: Partial<MessageParams>) => Buffer;
  opts: Required<MalformedOptions>;
}

interface Built {
  variant: string;
  raw: Buffer;
  expectedReasons: readonly InboundRefusalReason[];
}

type Builder = (ctx: Ctx) => Built;

const withLines = (ctx: Ctx, edit: (lines: string[]) => string[]) =>
  calendarBytes(edit(replyCalendarLines(ctx.reply)));
const replaceLine = (lines: string[], prefix: string, replacement: string[]) => {
  const i = lines.findIndex((l) => l.startsWith(prefix));
  return [...lines.slice(0, i), ...replacement, ...lines.slice(i + 1)];
};

const BUILDERS: Record<MalformedCategory, Builder> = {
  no_boundary: (ctx) => {
    const variant = ctx.pick(['missing', 'empty', 'mismatched']);
    const param =
      variant === 'missing' ? '' : variant === 'empty' ? '; boundary=""' : '; boundary="declared"';
    const body = Buffer.concat([
      Buffer.from(`--actual${CRLF}Content-Type: text/calendar; method=REPLY${CRLF}${CRLF}`),
      calendarBytes(replyCalendarLines(ctx.reply)),
      Buffer.from(`--actual--${CRLF}`),
    ]);
    const raw = Buffer.concat([
      Buffer.from(
        [
          `From: ${ctx.reply.attendee}`,
          `To: ${ctx.reply.organizer}`,
          'Subject: Accepted: meetup',
          `Message-ID: <nb-${ctx.index}@malformed.test>`,
          'MIME-Version: 1.0',
          `Content-Type: multipart/${ctx.pick(['alternative', 'mixed'])}${param}`,
        ].join(CRLF) +
          CRLF +
          CRLF,
      ),
      body,
    ]);
    return { variant, raw, expectedReasons: ['no_calendar', 'malformed_mime'] };
  },

  deep_nesting: (ctx) => {
    const depth = ctx.pick([200, 200, 64, 500]);
    const parts: string[] = [
      `From: ${ctx.reply.attendee}`,
      `To: ${ctx.reply.organizer}`,
      'Subject: Accepted: deep',
      `Message-ID: <deep-${ctx.index}@malformed.test>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b0"',
      '',
    ];
    for (let i = 0; i < depth; i++)
      parts.push(`--b${i}`, `Content-Type: multipart/mixed; boundary="b${i + 1}"`, '');
    parts.push(`--b${depth}`, 'Content-Type: text/calendar; charset=UTF-8; method=REPLY', '');
    const tail: string[] = [];
    for (let i = depth; i >= 0; i--) tail.push(`--b${i}--`);
    const raw = Buffer.concat([
      Buffer.from(parts.join(CRLF) + CRLF),
      calendarBytes(replyCalendarLines(ctx.reply)),
      Buffer.from(tail.join(CRLF) + CRLF),
    ]);
    return { variant: `depth-${depth}`, raw, expectedReasons: ['malformed_mime'] };
  },

  bad_charset: (ctx) => {
    const variant = ctx.pick(['unknown-label', 'invalid-utf8', 'ascii-label-invalid-bytes', 'utf-16-label']);
    const lines = replyCalendarLines(ctx.reply);
    const cn = lines.findIndex((l) => l.startsWith('ATTENDEE'));
    const head = Buffer.from(lines.slice(0, cn).join(CRLF) + CRLF, 'utf8');
    const tail = Buffer.from(lines.slice(cn).join(CRLF) + CRLF, 'utf8');
    const invalid = Buffer.from([
      0x43, 0x4f, 0x4d, 0x4d, 0x45, 0x4e, 0x54, 0x3a, 0xc3, 0x28, 0xff, 0xfe, 0x0d, 0x0a,
    ]);
    if (variant === 'unknown-label')
      return {
        variant,
        raw: ctx.message(calendarBytes(lines), { charset: `x-unknown-${ctx.int(1, 999)}` }),
        expectedReasons: ['bad_charset'],
      };
    if (variant === 'utf-16-label')
      return {
        variant,
        raw: ctx.message(calendarBytes(lines), { charset: 'utf-16le' }),
        expectedReasons: ['bad_charset', 'malformed_ical'],
      };
    return {
      variant,
      raw: ctx.message(Buffer.concat([head, invalid, tail]), {
        charset: variant === 'invalid-utf8' ? 'UTF-8' : 'us-ascii',
      }),
      expectedReasons: ['bad_charset'],
    };
  },

  huge_part: (ctx) => {
    const variant = ctx.pick(['big-attachment', 'big-description']);
    const size = ctx.opts.maxBytes + ctx.int(1, 4096);
    if (variant === 'big-description') {
      const filler = 'x'.repeat(size);
      const calendar = withLines(ctx, (l) =>
        replaceLine(l, 'DTSTAMP', ['DTSTAMP:20260101T120000Z', `DESCRIPTION:${filler}`]),
      );
      return { variant, raw: ctx.message(calendar), expectedReasons: ['too_large'] };
    }
    const raw = Buffer.concat([
      ctx.message(calendarBytes(replyCalendarLines(ctx.reply)), { shape: 'alternative' }),
      Buffer.from('y'.repeat(size)),
    ]);
    return { variant, raw, expectedReasons: ['too_large'] };
  },

  missing_headers: (ctx) => {
    const variant = ctx.pick([
      'no-from',
      'empty-from',
      'name-only-from',
      'group-from',
      'two-froms',
      'no-headers',
      'calendar-as-message',
    ]);
    const base = [
      `To: ${ctx.reply.organizer}`,
      'Subject: Accepted',
      `Message-ID: <mh-${ctx.index}@malformed.test>`,
      'MIME-Version: 1.0',
    ];
    const cal = calendarBytes(replyCalendarLines(ctx.reply));
    const from: Record<string, string | null> = {
      'no-from': null,
      'empty-from': 'From: ',
      'name-only-from': 'From: Member Without Address',
      'group-from': 'From: undisclosed-recipients:;',
      'two-froms': `From: ${ctx.reply.attendee}, other@example.org`,
    };
    if (variant === 'no-headers')
      return { variant, raw: Buffer.concat([Buffer.from(CRLF), cal]), expectedReasons: ['invalid_from'] };
    if (variant === 'calendar-as-message') return { variant, raw: cal, expectedReasons: ['invalid_from'] };
    const fromLine = from[variant];
    const headers = fromLine === null ? base : [fromLine, ...base];
    return { variant, raw: ctx.message(cal, { headers }), expectedReasons: ['invalid_from'] };
  },

  nul_bytes: (ctx) => {
    const variant = ctx.pick(['from', 'subject', 'message-id', 'header-name', 'calendar', 'uid']);
    const cal = calendarBytes(replyCalendarLines(ctx.reply));
    const nul = '\u0000';
    switch (variant) {
      case 'from':
        return {
          variant,
          raw: ctx.message(cal, { from: `Member${nul} <${ctx.reply.attendee}>` }),
          expectedReasons: ['malformed_headers'],
        };
      case 'subject':
        return {
          variant,
          raw: ctx.message(cal, { subject: `Accepted${nul}: meetup` }),
          expectedReasons: ['malformed_headers'],
        };
      case 'message-id':
        return {
          variant,
          raw: ctx.message(cal, { messageId: `id${nul}@malformed.test` }),
          expectedReasons: ['malformed_headers'],
        };
      case 'header-name':
        return {
          variant,
          raw: ctx.message(cal, { extraHeaders: [`X-Bad${nul}Name: 1`] }),
          expectedReasons: ['malformed_headers'],
        };
      case 'calendar':
        return {
          variant,
          raw: ctx.message(
            withLines(ctx, (l) =>
              replaceLine(l, 'ATTENDEE', [l.find((x) => x.startsWith('ATTENDEE')) + nul]),
            ),
          ),
          expectedReasons: ['malformed_ical'],
        };
      default:
        return {
          variant,
          raw: ctx.message(withLines(ctx, (l) => replaceLine(l, 'UID', [`UID:${ctx.reply.uid}${nul}x`]))),
          expectedReasons: ['malformed_ical'],
        };
    }
  },

  header_injection: (ctx) => {
    const variant = ctx.pick([
      'encoded-subject-crlf',
      'encoded-from-name-crlf',
      'bare-cr-subject',
      'bare-cr-from',
      'duplicate-from',
      'duplicate-message-id',
      'duplicate-content-type',
      'encoded-subject-nul',
    ]);
    const cal = calendarBytes(replyCalendarLines(ctx.reply));
    const a = ctx.reply.attendee;
    const cases: Record<string, Partial<MessageParams>> = {
      'encoded-subject-crlf': { subject: '=?UTF-8?Q?Accepted=0D=0ABcc:_victim@example.org?=' },
      'encoded-from-name-crlf': { from: `=?UTF-8?Q?Member=0D=0AX-Injected:_1?= <${a}>` },
      'bare-cr-subject': { subject: 'Accepted\rBcc: victim@example.org' },
      'bare-cr-from': { from: `Member <${a}>\rBcc: victim@example.org` },
      'duplicate-from': { extraHeaders: ['From: organizer@example.org'] },
      'duplicate-message-id': { extraHeaders: [`Message-ID: <dup-${ctx.index}@malformed.test>`] },
      'duplicate-content-type': { extraHeaders: ['Content-Type: text/plain'] },
      'encoded-subject-nul': { subject: '=?UTF-8?B?QWNjZXB0ZWQAOiBtZWV0dXA=?=' },
    };
    // mailparser may split an injected From display name into two addresses: invalid_from is right too.
    return {
      variant,
      raw: ctx.message(cal, { shape: 'single', ...cases[variant] }),
      expectedReasons: ['malformed_headers', 'invalid_from'],
    };
  },

  truncated_base64: (ctx) => {
    const cal = calendarBytes(replyCalendarLines(ctx.reply));
    const full = ctx.message(cal, { shape: 'base64' }).toString('latin1');
    const bodyStart = full.indexOf(CRLF + CRLF) + 4;
    const bodyLength = full.length - bodyStart;
    // Cut before the last fifth, so END:VCALENDAR is always lost.
    const cut = bodyStart + Math.floor(bodyLength * (0.1 + 0.65 * ctx.rnd()));
    return {
      variant: `cut-at-${Math.round(((cut - bodyStart) / bodyLength) * 100)}pct`,
      raw: Buffer.from(full.slice(0, cut), 'latin1'),
      expectedReasons: ['malformed_ical'],
    };
  },

  invalid_ical: (ctx) => {
    const variants: Record<string, [(l: string[]) => string[], InboundRefusalReason[]]> = {
      'end-mismatch': [(l) => replaceLine(l, 'END:VEVENT', ['END:VTODO']), ['malformed_ical']],
      'no-end-vcalendar': [(l) => l.slice(0, -1), ['malformed_ical']],
      'garbage-line': [
        (l) => replaceLine(l, 'DTEND', ['DTEND:20260110T200000Z', 'this line has no colon']),
        ['malformed_ical'],
      ],
      'bad-dtstart': [(l) => replaceLine(l, 'DTSTART', ['DTSTART:not-a-date']), ['malformed_ical']],
      'bad-sequence': [
        (l) => replaceLine(l, 'SEQUENCE', [`SEQUENCE:${ctx.pick(['-1', 'abc', '1.5', '99999999999'])}`]),
        ['malformed_ical'],
      ],
      'two-calendars': [(l) => [...l, ...l], ['malformed_ical']],
      vcard: [() => ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Member', 'END:VCARD'], ['malformed_ical']],
      'unterminated-quote': [
        (l) =>
          replaceLine(l, 'ATTENDEE', [`ATTENDEE;CN="Member;PARTSTAT=ACCEPTED:mailto:${ctx.reply.attendee}`]),
        ['malformed_ical'],
      ],
      'no-vevent': [(l) => l.map((x) => x.replace(/VEVENT$/, 'VTODO')), ['no_event']],
      'two-vevents': [
        (l) => [...l.slice(0, 4), ...l.slice(4, -1), ...l.slice(4, -1), 'END:VCALENDAR'],
        ['multiple_events'],
      ],
      'version-1': [(l) => replaceLine(l, 'VERSION', ['VERSION:1.0']), ['malformed_ical']],
      'two-methods': [
        (l) => replaceLine(l, 'METHOD', ['METHOD:REPLY', 'METHOD:REQUEST']),
        ['malformed_ical'],
      ],
      empty: [() => [], ['malformed_ical']],
      html: [() => ['<html><body>Accepted</body></html>'], ['malformed_ical']],
      'escape-char': [
        (l) => replaceLine(l, 'DTEND', ['DTEND:20260110T200000Z', 'SUMMARY:bell\u001b[31m']),
        ['malformed_ical'],
      ],
      'bare-cr': [
        (l) => replaceLine(l, 'DTEND', ['DTEND:20260110T200000Z\rX-INJECTED:1']),
        ['malformed_ical'],
      ],
      'deep-components': [
        (l) =>
          replaceLine(l, 'END:VEVENT', [
            ...Array(12).fill('BEGIN:X-NEST'),
            ...Array(12).fill('END:X-NEST'),
            'END:VEVENT',
          ]),
        ['malformed_ical'],
      ],
    };
    const variant = ctx.pick(Object.keys(variants));
    const [edit, expectedReasons] = variants[variant];
    const lines = edit(replyCalendarLines(ctx.reply));
    const calendar = lines.length === 0 ? Buffer.alloc(0) : calendarBytes(lines);
    return { variant, raw: ctx.message(calendar), expectedReasons };
  },

  two_attendees: (ctx) => {
    const variant = ctx.pick(['two-people', 'same-person-twice', 'delegation-without-back-reference']);
    const other = `other-${ctx.index}@example.org`;
    const extra: Record<string, string[]> = {
      'two-people': [`ATTENDEE;PARTSTAT=ACCEPTED:mailto:${other}`],
      'same-person-twice': [`ATTENDEE;PARTSTAT=DECLINED:mailto:${ctx.reply.attendee}`],
      'delegation-without-back-reference': [`ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${other}`],
    };
    const attendee =
      variant === 'delegation-without-back-reference'
        ? [`ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:${other}":mailto:${ctx.reply.attendee}`]
        : [`ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ctx.reply.attendee}`];
    return {
      variant,
      raw: ctx.message(withLines(ctx, (l) => replaceLine(l, 'ATTENDEE', [...attendee, ...extra[variant]]))),
      expectedReasons: ['multiple_attendees'],
    };
  },

  missing_uid: (ctx) => {
    const variant = ctx.pick(['absent', 'empty', 'blank']);
    const replacement = variant === 'absent' ? [] : variant === 'empty' ? ['UID:'] : ['UID:   '];
    return {
      variant,
      raw: ctx.message(withLines(ctx, (l) => replaceLine(l, 'UID', replacement))),
      expectedReasons: ['missing_uid'],
    };
  },

  not_reply: (ctx) => {
    const variant = ctx.pick(['REQUEST', 'CANCEL', 'PUBLISH', 'no-method']);
    if (variant === 'no-method')
      return {
        variant,
        raw: ctx.message(
          withLines(ctx, (l) => l.filter((x) => !x.startsWith('METHOD'))),
          { mimeMethod: null },
        ),
        expectedReasons: ['not_reply'],
      };
    return {
      variant,
      raw: ctx.message(
        withLines(ctx, (l) => replaceLine(l, 'METHOD', [`METHOD:${variant}`])),
        { mimeMethod: variant },
      ),
      expectedReasons: ['not_reply'],
    };
  },

  bad_answer: (ctx) => {
    const variants: Record<string, [string[], InboundRefusalReason]> = {
      'needs-action': [
        [`ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ctx.reply.attendee}`],
        'unsupported_partstat',
      ],
      'no-partstat': [[`ATTENDEE;CN=Member:mailto:${ctx.reply.attendee}`], 'unsupported_partstat'],
      'x-partstat': [
        [`ATTENDEE;PARTSTAT=X-MAYBE-LATER:mailto:${ctx.reply.attendee}`],
        'unsupported_partstat',
      ],
      'todo-partstat': [[`ATTENDEE;PARTSTAT=COMPLETED:mailto:${ctx.reply.attendee}`], 'unsupported_partstat'],
      'delegated-to-nobody': [
        [`ATTENDEE;PARTSTAT=DELEGATED:mailto:${ctx.reply.attendee}`],
        'invalid_delegation',
      ],
      'no-attendee': [[], 'no_attendee'],
      'uuid-attendee': [
        ['ATTENDEE;PARTSTAT=ACCEPTED:urn:uuid:6f1c1c2e-5f2b-4d43-9a51-1d2f0e3c4b5a'],
        'invalid_attendee',
      ],
      'not-an-address': [['ATTENDEE;PARTSTAT=ACCEPTED:mailto:<script>@x'], 'invalid_attendee'],
    };
    const variant = ctx.pick(Object.keys(variants));
    const [attendee, reason] = variants[variant];
    return {
      variant,
      raw: ctx.message(withLines(ctx, (l) => replaceLine(l, 'ATTENDEE', attendee))),
      expectedReasons: [reason],
    };
  },

  loop: (ctx) => {
    const variant = ctx.pick(['own-address', 'inbound-domain', 'inbound-subdomain']);
    const from =
      variant === 'own-address'
        ? ctx.opts.ownAddress.toUpperCase()
        : variant === 'inbound-domain'
          ? `rsvp+BBBBBBBBBBBBBBBBBBBBBB@${ctx.opts.inboundDomain}`
          : `bounces@mx.${ctx.opts.inboundDomain}`;
    return {
      variant,
      raw: ctx.message(calendarBytes(replyCalendarLines(ctx.reply)), { from }),
      expectedReasons: ['loop'],
    };
  },

  auto_reply: (ctx) => {
    const variant = ctx.pick([
      'auto-replied',
      'x-autoreply',
      'x-autorespond',
      'precedence-auto-reply',
      'ooo-subject',
      'bulk-without-calendar',
    ]);
    const cal = calendarBytes(replyCalendarLines(ctx.reply));
    const plain = (extraHeaders: string[], subject: string) =>
      Buffer.from(
        [
          `From: ${ctx.reply.attendee}`,
          `To: ${ctx.reply.organizer}`,
          `Subject: ${subject}`,
          `Message-ID: <ooo-${ctx.index}@malformed.test>`,
          ...extraHeaders,
          'Content-Type: text/plain; charset=UTF-8',
          '',
          'I am away until Monday.',
          '',
        ].join(CRLF),
      );
    switch (variant) {
      case 'auto-replied':
        return {
          variant,
          raw: ctx.message(cal, { extraHeaders: ['Auto-Submitted: auto-replied'] }),
          expectedReasons: ['auto_reply'],
        };
      case 'x-autoreply':
        return {
          variant,
          raw: ctx.message(cal, { extraHeaders: ['X-Autoreply: yes'] }),
          expectedReasons: ['auto_reply'],
        };
      case 'x-autorespond':
        return {
          variant,
          raw: ctx.message(cal, { extraHeaders: ['X-Autorespond: vacation'] }),
          expectedReasons: ['auto_reply'],
        };
      case 'precedence-auto-reply':
        return {
          variant,
          raw: ctx.message(cal, { extraHeaders: ['Precedence: auto_reply'] }),
          expectedReasons: ['auto_reply'],
        };
      case 'ooo-subject':
        return {
          variant,
          raw: plain(
            [],
            ctx.pick([
              'Out of Office: Community meetup',
              'Automatische Antwort: Einladung',
              'Réponse automatique : Invitation',
              'Respuesta automática: Invitación',
            ]),
          ),
          expectedReasons: ['auto_reply'],
        };
      default:
        return {
          variant,
          raw: plain(['Precedence: bulk', 'Auto-Submitted: auto-generated'], 'Your message'),
          expectedReasons: ['auto_reply'],
        };
    }
  },

  bounce: (ctx) => {
    const variant = ctx.pick(['multipart-report', 'mailer-daemon', 'x-failed-recipients']);
    const cal = calendarBytes(replyCalendarLines(ctx.reply));
    if (variant === 'mailer-daemon')
      return {
        variant,
        raw: ctx.message(cal, { from: 'MAILER-DAEMON@mx.example.org' }),
        expectedReasons: ['bounce'],
      };
    if (variant === 'x-failed-recipients')
      return {
        variant,
        raw: ctx.message(cal, { extraHeaders: [`X-Failed-Recipients: ${ctx.reply.attendee}`] }),
        expectedReasons: ['bounce'],
      };
    const raw = Buffer.from(
      [
        'From: Mail Delivery System <postmaster-notice@mx.example.org>',
        `To: ${ctx.reply.organizer}`,
        'Subject: Undelivered Mail Returned to Sender',
        `Message-ID: <dsn-${ctx.index}@malformed.test>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        '',
        '--r',
        'Content-Type: text/plain',
        '',
        'Delivery failed.',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.org',
        '',
        `Final-Recipient: rfc822; ${ctx.reply.attendee}`,
        'Action: failed',
        'Status: 5.1.1',
        '--r',
        'Content-Type: text/calendar; method=REPLY',
        '',
        cal.toString('utf8'),
        '--r--',
        '',
      ].join(CRLF),
    );
    return { variant, raw, expectedReasons: ['bounce'] };
  },

  garbage: (ctx) => {
    const variant = ctx.pick(['random-bytes', 'empty', 'whitespace', 'binary-headers']);
    if (variant === 'empty') return { variant, raw: Buffer.alloc(0), expectedReasons: ['malformed_mime'] };
    if (variant === 'whitespace')
      return {
        variant,
        raw: Buffer.from(' \r\n\t\r\n\r\n'),
        expectedReasons: ['invalid_from', 'malformed_mime'],
      };
    const bytes = Buffer.alloc(ctx.int(1, 4096));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(ctx.rnd() * 256);
    if (variant === 'binary-headers') bytes.write('From: ', 0, 'latin1');
    return { variant, raw: bytes, expectedReasons: INBOUND_REFUSAL_REASONS };
  },
};

export const MALFORMED_CATEGORIES = Object.keys(BUILDERS) as MalformedCategory[];

/**
 * `count` broken messages (default 1,000), the same for the same seed: the categories in turn,
 * each with a variant, addresses, UID and MIME shape drawn from the seeded generator.
 */
export function generateMalformedMessages(options: MalformedOptions): MalformedCase[] {
  const opts: Required<MalformedOptions> = {
    count: 1000,
    seed: 20260101,
    inboundDomain: 'inbound.hearth.test',
    ownAddress: 'hearth@hearth.test',
    ...options,
  };
  const rnd = prng(opts.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const cases: MalformedCase[] = [];
  for (let index = 0; index < opts.count; index++) {
    const category = MALFORMED_CATEGORIES[index % MALFORMED_CATEGORIES.length];
    const token = Buffer.from(Array.from({ length: 24 }, () => int(0, 255))).toString('base64url');
    const reply: ReplyParams = {
      organizer: `rsvp+${token}@${opts.inboundDomain}`,
      attendee: `member-${index}@${pick(['example.org', 'example.net', 'mail.example.com'])}`,
      uid: `event-${int(1, 99999)}@${opts.inboundDomain}`,
      partstat: pick(['ACCEPTED', 'DECLINED', 'TENTATIVE']),
      sequence: int(0, 5),
      method: 'REPLY',
    };
    const shape = pick(REPLY_SHAPES);
    const ctx: Ctx = {
      index,
      rnd,
      pick,
      int,
      reply,
      shape,
      opts,
      message: (calendar, extra = {}) =>
        buildReplyMessage({
          from: `Member ${index} <${reply.attendee}>`,
          to: reply.organizer,
          messageId: `m-${opts.seed}-${index}@malformed.test`,
          shape,
          calendar,
          ...extra,
        }),
    };
    const built = BUILDERS[category](ctx);
    cases.push({
      id: `${String(index).padStart(4, '0')}-${category}-${built.variant}`,
      category,
      variant: built.variant,
      raw: built.raw,
      expectedReasons: built.expectedReasons,
    });
  }
  return cases;
}
