import { escapeHtml } from '@app/core';
import { FSI, isolatesToBdi } from '@app/i18n';

/** Markup that is already safe; everything else interpolated into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | Part[];

// Plain loops and `+=`: V8 joins strings lazily (a rope, flattened once when the page is written),
// where map().join() built an array and a flat copy of every list on the way up.
function render(part: Part): string {
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) {
    let out = '';
    for (let i = 0; i < part.length; i++) out += render(part[i]);
    return out;
  }
  if (part === null || part === undefined || part === false) return '';
  const text = escapeHtml(typeof part === 'string' ? part : String(part));
  // A catalogue sentence whose arguments were marked with `isolate`: the marks become <bdi>.
  return text.includes(FSI) ? isolatesToBdi(text) : text;
}

/**
 * A template tag for the member pages: interpolated values are HTML-escaped unless they are SafeHtml
 * (another `html` fragment), arrays are joined, and null/undefined/false render nothing. One rule
 * for every page, so user text (titles, names, descriptions) can never become markup.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * A user-provided value (name, title, address, time, email) isolated from the text around it, so
 * it reads in its own direction inside a page of the other direction ("12 Baker St, Flat 3B" in
 * Arabic, an Arabic name in English). Use it for every such value shown as text; inside a sentence
 * from the catalogue, pass the argument through `isolate` from @app/i18n instead.
 */
export const bdi = (value: string | number | null | undefined): SafeHtml | '' =>
  value === null || value === undefined || value === '' ? '' : html`<bdi>${value}</bdi>`;

/**
 * A same-site path: one leading slash, then neither a slash nor a backslash (browsers read `/\x` as
 * `//x`, another host), and no backslash or control character anywhere (browsers turn `\` into `/`
 * and drop tabs and newlines, which could make `//` again).
 */
function isSameSitePath(url: string): boolean {
  if (!url.startsWith('/') || url[1] === '/' || url[1] === '\\') return false;
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return false;
  }
  return true;
}

/** A URL for an href: only http(s) and same-site paths; anything else (javascript:, data:, //host) becomes '#'. */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  if (url.startsWith('/')) return isSameSitePath(url) ? url : '#';
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : '#';
  } catch {
    return '#';
  }
}
