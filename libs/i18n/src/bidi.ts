/**
 * Mixed-direction values (names, titles, addresses, times, emails) inside text of the other
 * direction: "12 Baker St, Flat 3B" in an Arabic sentence must not be reordered around it. In markup
 * a value is wrapped in <bdi>; in plain text (mail text parts, subjects, message arguments that end up
 * in a sentence) the Unicode equivalent is FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
 */
export const FSI = '\u2068';
export const PDI = '\u2069';
const ISOLATES = /[\u2066-\u2069]/g;

/** The value isolated for plain text: FSI value PDI (stray isolate marks in the value are removed). */
export const isolate = (value: string): string => `${FSI}${value.replace(ISOLATES, '')}${PDI}`;

/** Text without isolate marks, e.g. for a mail's subject or text part. */
export const withoutIsolates = (text: string): string =>
  text.includes(FSI) || text.includes(PDI) ? text.replace(ISOLATES, '') : text;

const PAIR = /\u2068([^\u2068\u2069]*)\u2069/g;

/**
 * Already-escaped HTML text with each FSI…PDI pair turned into <bdi>…</bdi>; marks without a pair
 * are dropped, so the result is always balanced.
 */
export function isolatesToBdi(escaped: string): string {
  if (!escaped.includes(FSI)) return withoutIsolates(escaped);
  return withoutIsolates(escaped.replace(PAIR, '<bdi>$1</bdi>'));
}
