import type { Language } from '@app/i18n';
import { SafeHtml, html } from './html';

const STYLE =
  new SafeHtml(`body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.5}
button{font:inherit;background:#7a3e9d;color:#fff;border:0;border-radius:6px;padding:.7rem 1.2rem;cursor:pointer}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;margin:.25rem 0 1rem}.error{color:#a00000}`);

/**
 * A small self-contained page (the admin app's "not built" notice; the pages behind mailed links use
 * the member layout): no scripts, no third-party assets, rendered by the same escaping `html` tag as
 * the member pages; the markup is kept as written (prettier-ignore).
 */
export function renderPage(title: string, body: SafeHtml, lang: Language = 'en'): string {
  // prettier-ignore
  return html`<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Hearth</title>
<style>${STYLE}</style></head>
<body><main><h1>${title}</h1>
${body}
</main></body></html>`.value;
}
