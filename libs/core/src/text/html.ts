const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most text (labels, names, URLs) has nothing to escape: a test is cheaper than a replace.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
