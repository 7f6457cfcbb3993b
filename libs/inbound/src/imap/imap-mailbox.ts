import { InboundMeta, InboundResult } from '../inbound.types';

/** The part of an ImapFlow client the poller uses (a fake one in the unit test). */
export interface ImapMailboxClient {
  connect(): Promise<void>;
  getMailboxLock(path: string): Promise<{ release(): void }>;
  search(query: { seen: boolean }, options: { uid: true }): Promise<number[] | false | undefined>;
  fetchOne(
    uid: string,
    query: { uid: true; size: true; source: { maxLength: number } },
    options: { uid: true },
  ): Promise<{ uid: number; size?: number; source?: Buffer } | false | undefined>;
  messageFlagsAdd(range: string, flags: string[], options: { uid: true }): Promise<boolean>;
  logout(): Promise<void>;
}

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string };
  mailbox: string;
}

/** `imaps://user:pass@host:993/Folder` → connection settings. Credentials are URL-decoded. */
export function imapSettingsFromUrl(url: string): ImapSettings {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  const mailbox = decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    mailbox,
  };
}

export interface PollSummary {
  /** Unseen messages found. */
  found: number;
  /** Fed through the pipeline and marked \Seen. */
  stored: number;
  /** Left unseen for the next poll (the pipeline could not store them). */
  failed: number;
}

type Receive = (raw: Buffer, meta: InboundMeta) => Promise<InboundResult>;

/**
 * One poll: every unseen message of the mailbox (oldest first, at most `batch`) goes through the
 * same pipeline as SMTP and is marked \Seen once stored. A message the pipeline could not store stays
 * unseen and is tried again next time; the Message-ID keeps a retried one from counting twice.
 */
export async function pollMailboxOnce(
  client: ImapMailboxClient,
  mailbox: string,
  receive: Receive,
  options: { maxBytes: number; batch: number },
): Promise<PollSummary> {
  const lock = await client.getMailboxLock(mailbox);
  const summary: PollSummary = { found: 0, stored: 0, failed: 0 };
  try {
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    summary.found = uids.length;
    for (const uid of [...uids].sort((a, b) => a - b).slice(0, options.batch)) {
      const message = await client.fetchOne(
        String(uid),
        { uid: true, size: true, source: { maxLength: options.maxBytes + 1 } },
        { uid: true },
      );
      if (!message || !message.source) {
        summary.failed++;
        continue;
      }
      // The source is fetched up to one byte over the limit; the server's RFC822.SIZE says how large
      // the message really is, and without it only "at least" what was fetched is known.
      const reported = message.size ?? null;
      const source = message.source;
      try {
        await receive(source, {
          channel: 'imap',
          envelopeFrom: headerAddresses(source, 'return-path')[0] ?? null,
          envelopeTo: [
            ...headerAddresses(source, 'delivered-to'),
            ...headerAddresses(source, 'x-original-to'),
          ],
          size: Math.max(reported ?? 0, source.length),
          sizeBasis:
            reported !== null && reported >= source.length
              ? 'imap_size'
              : source.length > options.maxBytes
                ? 'at_least'
                : 'counted',
        });
      } catch {
        summary.failed++;
        continue;
      }
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      summary.stored++;
    }
  } finally {
    lock.release();
  }
  return summary;
}

/**
 * Addresses in one header of the top-level header block. Mailbox providers record the envelope
 * recipient in Delivered-To / X-Original-To; it stands in for the SMTP RCPT TO the poller never saw.
 */
export function headerAddresses(raw: Buffer, name: string): string[] {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const out: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(0, colon).trim().toLowerCase() !== name) continue;
    for (const m of line.slice(colon + 1).matchAll(/<?([^\s<>,;"]+@[^\s<>,;"]+)>?/g)) out.push(m[1]);
  }
  return out.slice(0, 10);
}
