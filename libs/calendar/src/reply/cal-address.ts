const MAX_ADDRESS_LENGTH = 254;

// Deliberately narrower than RFC 5322: dot-atom local part and domain, no quoted strings, comments or
// whitespace. Calendar clients only ever send addresses of this shape, and anything else is refused
// rather than guessed at. Non-ASCII is allowed for RFC 6531 addresses.
const LOCAL =
  "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+)*";
const LABEL = '[A-Za-z0-9\\u0080-\\uFFFF](?:[A-Za-z0-9\\u0080-\\uFFFF-]*[A-Za-z0-9\\u0080-\\uFFFF])?';
const EMAIL = new RegExp(`^${LOCAL}@${LABEL}(?:\\.${LABEL})*$`);

/** True for a plain `local@domain` address we are willing to compare and store. */
export function isEmailAddress(value: string): boolean {
  return value.length <= MAX_ADDRESS_LENGTH && EMAIL.test(value);
}

/**
 * The e-mail address of a CAL-ADDRESS value, lower-cased: `MAILTO:A@B.org` → `a@b.org`.
 * RFC 5545 §3.3.3 makes it a URI, but real clients also send a bare address (Google's ORGANIZER in
 * the tine20 fixture), so both are read; other URI schemes (urn:uuid:…) give null.
 */
export function normalizeCalAddress(value: string): string | null {
  const address = calAddressKeepingLocalCase(value);
  return address === null ? null : address.toLowerCase();
}

/**
 * Like normalizeCalAddress but only the domain is lower-cased. For the ORGANIZER: our reply
 * addresses carry a base64url token in the local part, and RFC 5321 §2.4 keeps local parts
 * case-sensitive.
 */
export function calAddressKeepingLocalCase(value: string): string | null {
  let v = value.trim();
  if (/^mailto:/i.test(v)) v = v.slice('mailto:'.length).trim();
  const at = v.lastIndexOf('@');
  if (at <= 0) return null;
  v = `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}`;
  return isEmailAddress(v) ? v : null;
}
