/**
 * A dev mailbox message as the message screen shows it, read with postal-mime (RFC 5322 / MIME in the
 * browser): headers with RFC 2047 words decoded, the plain text, and the parts offered as downloads.
 */
export interface MailHeader {
  name: string;
  value: string;
}

export interface MailPart {
  filename: string | null;
  contentType: string;
  /** The iTIP method of a text/calendar part (REQUEST, CANCEL…), else null. */
  method: string | null;
  bytes: Uint8Array;
}

export interface MailMessage {
  headers: MailHeader[];
  /** The plain-text body, or null when the message has none. */
  text: string | null;
  /** Attachments and calendar parts. */
  parts: MailPart[];
}

const bytesOf = (content: ArrayBuffer | Uint8Array | string): Uint8Array =>
  typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);

export async function readMail(raw: string): Promise<MailMessage> {
  // Loaded on the message screen only: the parser would otherwise add a sixth to every page load.
  const { default: PostalMime, decodeWords } = await import('postal-mime');
  const email = await PostalMime.parse(raw);
  return {
    headers: email.headers.map((h) => ({ name: h.originalKey, value: decodeWords(h.value) })),
    text: email.text ?? null,
    parts: email.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.mimeType,
      method: a.method ?? null,
      bytes: bytesOf(a.content),
    })),
  };
}

export const headerValue = (headers: MailHeader[], name: string): string | undefined =>
  headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
