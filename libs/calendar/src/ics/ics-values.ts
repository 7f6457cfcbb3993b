// C0 controls other than TAB and LF, and DEL: RFC 5545 §3.3.11 TEXT cannot carry them.
// eslint-disable-next-line no-control-regex
const TEXT_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;
// eslint-disable-next-line no-control-regex
const ALL_CONTROLS = /[\x00-\x1f\x7f]+/g;
const UID = /^[A-Za-z0-9][A-Za-z0-9._~+=-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*$/;
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\]]+$/;

/** Text for a TEXT value: line breaks become LF (escaped later as `\n`), other controls are dropped. */
export function icsText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(TEXT_CONTROLS, '');
}

/**
 * Text for a quoted parameter value such as CN. Parameter values cannot contain DQUOTE or line breaks
 * and have no escape mechanism in RFC 5545 (ical-generator's backslash escapes are read literally),
 * so double quotes become single quotes and backslashes are dropped.
 */
export function icsParamText(value: string): string {
  return value.replace(ALL_CONTROLS, ' ').replace(/"/g, "'").replace(/\\/g, '').replace(/\s+/g, ' ').trim();
}

/** A TEXT value escaped per RFC 5545 §3.3.11, for properties ical-generator writes unescaped (NAME). */
export function escapeIcsText(value: string): string {
  return icsText(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/**
 * An absolute http(s) URL for URI values and mail links. `,` and `;` are percent-encoded because
 * ical-generator backslash-escapes them in URL values as if they were TEXT, which corrupts a URI.
 * Other schemes (javascript:, data:) are refused: these links end up in calendars and HTML mail,
 * and some (the join link) are typed by organizers.
 */
export function httpUrl(value: string, what: string): string {
  let href = checkedUrls.get(value);
  if (href === undefined) {
    href = parseHttpUrl(value, what);
    if (checkedUrls.size >= CHECKED_URLS_MAX) checkedUrls.clear();
    checkedUrls.set(value, href);
  }
  return href;
}

// An event's page, topic and join link go into every one of its invitations, twice (text and
// calendar): parsed once. Only accepted URLs are kept; a refused one throws every time. Sized so a
// 2,000-event feed (page, topic, join link each) is not parsed afresh on every rebuild.
const CHECKED_URLS_MAX = 8192;
const checkedUrls = new Map<string, string>();

function parseHttpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${what} must be an http(s) URL`);
  }
  return url.href.replace(/,/g, '%2C').replace(/;/g, '%3B');
}

/** UIDs go into the output unescaped, so only a conservative `local@domain` shape is accepted. */
export function assertUid(uid: string): string {
  if (!UID.test(uid)) throw new Error('calendar UID must look like <id>@<domain>');
  return uid;
}

/** Calendar addresses are written as `mailto:` URIs; refuse what would break or inject into them. */
export function assertEmail(email: string, what: string): string {
  if (!EMAIL.test(email)) throw new Error(`${what} is not a plain e-mail address`);
  return email;
}
