import { escapeHtml } from '@app/core';
import { isRtl, isolatesToBdi, Language, withoutIsolates } from '@app/i18n';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface HtmlLink {
  label: string;
  url: string;
}

export interface HtmlBlock {
  paragraphs: string[];
  /** Labelled links after the paragraphs (e.g. a join link), showing the URL itself. */
  links?: HtmlLink[];
  /** A row of equal buttons, e.g. Going / Maybe / Can't go. */
  choices?: HtmlLink[];
  action?: { label: string; url: string };
  footer?: string;
}

/** Escaped text where values marked with `isolate` (@app/i18n) become <bdi> elements. */
const text = (value: string): string => isolatesToBdi(escapeHtml(value));

/**
 * A mail whose values were marked with `isolate` for its HTML part: the subject and the text part
 * carry no isolate marks (plain text readers and header folding gain nothing from them).
 */
export const withPlainText = (mail: RenderedMail): RenderedMail => ({
  ...mail,
  subject: withoutIsolates(mail.subject),
  text: withoutIsolates(mail.text),
});

/**
 * A minimal, self-contained HTML body: no remote images, fonts or tracking pixels; text escaped;
 * direction set from the locale so Arabic renders right-to-left; values marked with `isolate` are
 * wrapped in <bdi> so an address or a name keeps its own direction inside the sentence.
 */
export function renderHtml(locale: Language, title: string, block: HtmlBlock): string {
  const dir = isRtl(locale) ? 'rtl' : 'ltr';
  const paragraphs = block.paragraphs.map((p) => `<p style="margin:0 0 16px">${text(p)}</p>`).join('\n');
  const links = (block.links ?? [])
    .map(
      (l) =>
        `\n<p style="margin:0 0 16px">${text(l.label)}: <a href="${escapeHtml(l.url)}" dir="ltr" style="color:#7a3e9d;word-break:break-all">${escapeHtml(l.url)}</a></p>`,
    )
    .join('');
  const choices = block.choices?.length
    ? `\n<p style="margin:8px 0 16px">${block.choices
        .map(
          (c) =>
            `<a href="${escapeHtml(c.url)}" style="border:1px solid #7a3e9d;color:#7a3e9d;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block;margin:0 4px 8px">${text(c.label)}</a>`,
        )
        .join('\n')}</p>`
    : '';
  const action = block.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(block.action.url)}" style="background:#7a3e9d;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${text(block.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555;word-break:break-all">${escapeHtml(block.action.url)}</p>`
    : '';
  const footer = block.footer
    ? `<p style="margin:32px 0 0;font-size:12px;color:#666">${text(block.footer)}</p>`
    : '';
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(withoutIsolates(title))}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;line-height:1.5;margin:0;padding:24px" dir="${dir}">
<div style="max-width:560px;margin:0 auto">
<h1 style="font-size:20px;margin:0 0 16px">${text(title)}</h1>
${paragraphs}${links}${choices}
${action}
${footer}
</div>
</body>
</html>`;
}
