import { InboundMeta, InboundResult } from '../inbound.types';
import { headerAddresses, ImapMailboxClient, imapSettingsFromUrl, pollMailboxOnce } from './imap-mailbox';

/** An in-memory mailbox with the ImapFlow calls the poller makes. */
class FakeMailbox implements ImapMailboxClient {
  readonly seen = new Set<number>();
  readonly calls: string[] = [];
  released = 0;
  constructor(readonly messages: Map<number, Buffer>) {}
  connect(): Promise<void> {
    return Promise.resolve();
  }
  logout(): Promise<void> {
    return Promise.resolve();
  }
  getMailboxLock(path: string) {
    this.calls.push(`lock ${path}`);
    return Promise.resolve({ release: () => void this.released++ });
  }
  search(query: { seen: boolean }) {
    expect(query).toEqual({ seen: false });
    return Promise.resolve([...this.messages.keys()].filter((uid) => !this.seen.has(uid)).reverse());
  }
  /** Servers that do not report RFC822.SIZE. */
  readonly sizeless = new Set<number>();
  fetchOne(uid: string, query: { source: { maxLength: number } }) {
    const source = this.messages.get(Number(uid));
    if (!source) return Promise.resolve(false as const);
    return Promise.resolve({
      uid: Number(uid),
      ...(this.sizeless.has(Number(uid)) ? {} : { size: source.length }),
      source: source.subarray(0, query.source.maxLength),
    });
  }
  messageFlagsAdd(range: string, flags: string[]) {
    expect(flags).toEqual(['\\Seen']);
    this.seen.add(Number(range));
    return Promise.resolve(true);
  }
}

const mail = (id: string, extra = '') =>
  Buffer.from(
    `Delivered-To: rsvp+abc@hearth.test\r\nReturn-Path: <m@x.org>\r\n${extra}Message-ID: <${id}>\r\n\r\nbody`,
  );

describe('IMAP polling', () => {
  const ok = (): Promise<InboundResult> =>
    Promise.resolve({ id: 'x', messageId: 'x', duplicate: false, outcome: 'applied', reason: null });

  it('feeds unseen messages, oldest first, through the pipeline with the envelope from Delivered-To, and marks them seen', async () => {
    const box = new FakeMailbox(
      new Map([
        [3, mail('c@x')],
        [1, mail('a@x')],
        [2, mail('b@x')],
      ]),
    );
    box.seen.add(2);
    const received: Array<[string, InboundMeta]> = [];
    const summary = await pollMailboxOnce(
      box,
      'INBOX',
      (raw, meta) => {
        received.push([/<([^>]+)>/.exec(raw.toString().split('Message-ID: ')[1])?.[1] ?? '', meta]);
        return ok();
      },
      { maxBytes: 1000, batch: 10 },
    );
    expect(summary).toEqual({ found: 2, stored: 2, failed: 0 });
    expect(received.map(([id]) => id)).toEqual(['a@x', 'c@x']);
    expect(received[0][1]).toMatchObject({
      channel: 'imap',
      envelopeTo: ['rsvp+abc@hearth.test'],
      envelopeFrom: 'm@x.org',
    });
    expect([...box.seen].sort()).toEqual([1, 2, 3]);
    expect(box.released).toBe(1);
  });

  it('leaves a message unseen when the pipeline cannot store it, and cuts oversized ones one byte over the limit', async () => {
    const big = Buffer.concat([mail('big@x'), Buffer.alloc(5000, 0x61)]);
    const box = new FakeMailbox(
      new Map([
        [1, mail('fails@x')],
        [2, big],
      ]),
    );
    const sizes: Array<[number, number | undefined, string | undefined]> = [];
    const summary = await pollMailboxOnce(
      box,
      'INBOX',
      (raw, meta) => {
        sizes.push([raw.length, meta.size, meta.sizeBasis]);
        return raw.includes('fails@x') ? Promise.reject(new Error('database down')) : ok();
      },
      { maxBytes: 1000, batch: 10 },
    );
    expect(summary).toEqual({ found: 2, stored: 1, failed: 1 });
    expect([...box.seen]).toEqual([2]);
    expect(sizes[1]).toEqual([1001, big.length, 'imap_size']);
    expect(box.released).toBe(1);
  });

  it('gives an oversized message the size the server reports, or "at least" what was fetched', async () => {
    const big = Buffer.concat([mail('big@x'), Buffer.alloc(5000, 0x61)]);
    const box = new FakeMailbox(
      new Map([
        [1, big],
        [2, big],
        [3, mail('small@x')],
      ]),
    );
    box.sizeless.add(2);
    box.sizeless.add(3);
    const metas: InboundMeta[] = [];
    await pollMailboxOnce(
      box,
      'INBOX',
      (_raw, meta) => {
        metas.push(meta);
        return ok();
      },
      { maxBytes: 1000, batch: 10 },
    );
    expect(metas.map((m) => [m.size, m.sizeBasis])).toEqual([
      [big.length, 'imap_size'],
      [1001, 'at_least'],
      [mail('small@x').length, 'counted'],
    ]);
  });

  it('reads connection settings from IMAP_URL', () => {
    expect(imapSettingsFromUrl('imaps://rsvp%40example.org:p%40ss@imap.example.org/Replies')).toEqual({
      host: 'imap.example.org',
      port: 993,
      secure: true,
      auth: { user: 'rsvp@example.org', pass: 'p@ss' },
      mailbox: 'Replies',
    });
    expect(imapSettingsFromUrl('imap://u:p@localhost:1143')).toMatchObject({
      port: 1143,
      secure: false,
      mailbox: 'INBOX',
    });
  });

  it('reads addresses of one top-level header only', () => {
    const raw = Buffer.from(
      'X-Original-To: a@x.org, <b@y.org>\r\nTo: c@z.org\r\n\r\nX-Original-To: body@x.org\r\n',
    );
    expect(headerAddresses(raw, 'x-original-to')).toEqual(['a@x.org', 'b@y.org']);
  });
});
