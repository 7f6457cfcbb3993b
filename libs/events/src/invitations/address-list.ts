import { isEmailAddress } from '@app/calendar';

/** One person named in a pasted list: their address as first written, and the name given with it. */
export interface NamedAddress {
  email: string;
  name: string | null;
}

export interface AddressList {
  /** Each address once (compared without case), in the order first named. */
  addresses: NamedAddress[];
  /** The entries that are not an address, as written (trimmed), each once. */
  invalid: string[];
}

const SEPARATORS = new Set([',', ';']);
const NAME_MAX = 100;

/**
 * Reads a pasted list of people: entries separated by commas, semicolons or line breaks, each
 * `addr`, `Name <addr>` or `"Name, Jr." <addr>` (separators inside quotes or angle brackets do not
 * split, line breaks always do). Duplicates collapse whatever their case; the first name given for an address is kept.
 * One pass over the text, so a list of tens of thousands of entries costs milliseconds.
 */
export function parseAddressList(text: string): AddressList {
  const byKey = new Map<string, NamedAddress>();
  const invalid = new Set<string>();
  for (const entry of splitEntries(text)) {
    const parsed = parseEntry(entry);
    if (!parsed) {
      invalid.add(entry);
      continue;
    }
    const key = parsed.email.toLowerCase();
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, parsed);
    else if (!seen.name && parsed.name) seen.name = parsed.name;
  }
  return { addresses: [...byKey.values()], invalid: [...invalid] };
}

/** The display name for an account created for this address: the name given, else the local part. */
export function displayNameFor(address: NamedAddress): string {
  const name = address.name ?? address.email.slice(0, address.email.lastIndexOf('@'));
  return name.slice(0, NAME_MAX) || 'Member';
}

function splitEntries(text: string): string[] {
  const entries: string[] = [];
  let quoted = false;
  let angled = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      // A line break always ends an entry: an unclosed quote or bracket spoils one line, not the rest.
      entries.push(text.slice(start, i));
      start = i + 1;
      quoted = angled = false;
    } else if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angled = true;
    else if (c === '>') angled = false;
    else if (!angled && SEPARATORS.has(c)) {
      entries.push(text.slice(start, i));
      start = i + 1;
    }
  }
  entries.push(text.slice(start));
  return entries.map((e) => e.trim()).filter((e) => e.length > 0);
}

function parseEntry(entry: string): NamedAddress | null {
  const open = entry.lastIndexOf('<');
  if (open < 0) return plainAddress(entry) ? { email: entry, name: null } : null;
  if (!entry.endsWith('>')) return null;
  const email = entry.slice(open + 1, -1).trim();
  if (!plainAddress(email)) return null;
  const name = unquote(entry.slice(0, open).trim());
  if (name === null) return null;
  return { email, name: name ? name.slice(0, NAME_MAX) : null };
}

/** A plain `local@domain.tld` (a bare host name is more likely a typo than an address). */
function plainAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  return isEmailAddress(value) && value.indexOf('.', at) > at + 1;
}

/** A display name: bare words, or one quoted string with \" and \\ escapes; null when malformed. */
function unquote(name: string): string | null {
  if (!name.startsWith('"')) return /[<>"]/.test(name) ? null : name.replace(/\s+/g, ' ');
  if (name.length < 2 || !name.endsWith('"')) return null;
  const inner = name.slice(1, -1);
  if (/(^|[^\\])(\\\\)*"/.test(inner)) return null;
  return inner.replace(/\\(.)/g, '$1').trim().replace(/\s+/g, ' ');
}
