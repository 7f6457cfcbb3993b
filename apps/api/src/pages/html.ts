import { escapeHtml } from '@app/core';

/** Markup that is already safe; everything else interpolated into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | Part[];

function render(part: Part): string {
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeHtml(String(part));
}

/**
 * A template tag for the member pages: interpolated values are HTML-escaped unless they are SafeHtml
 * (another `html` fragment), arrays are joined, and null/undefined/false render nothing. One rule
 * for every page, so user text (titles, names, descriptions) can never become markup.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

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
