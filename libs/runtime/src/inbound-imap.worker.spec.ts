import { Logger } from '@nestjs/common';
import { Env, loadEnv } from '@app/core';
import { ImapMailboxClient, InboundMeta, InboundResult, InboundService } from '@app/inbound';
import { ImapClientFactory, InboundImapWorker } from './inbound-imap.worker';

describe('InboundImapWorker', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  const env: Env = loadEnv({
    IMAP_URL: 'imaps://u:secret@imap.example.org/Replies',
    INBOUND_MAX_BYTES: '65536',
  });

  function fake(messages: Buffer[]) {
    const log: string[] = [];
    const client: ImapMailboxClient = {
      connect: () => Promise.resolve(void log.push('connect')),
      logout: () => Promise.resolve(void log.push('logout')),
      getMailboxLock: (path) => {
        log.push(`lock ${path}`);
        return Promise.resolve({ release: () => void log.push('release') });
      },
      search: () => Promise.resolve(messages.map((_, i) => i + 1)),
      fetchOne: (uid) =>
        Promise.resolve({
          uid: Number(uid),
          size: messages[Number(uid) - 1].length,
          source: messages[Number(uid) - 1],
        }),
      messageFlagsAdd: (uid) => {
        log.push(`seen ${uid}`);
        return Promise.resolve(true);
      },
    };
    return { client, log };
  }

  it('connects with the URL’s settings, feeds the pipeline, marks seen and logs out', async () => {
    const { client, log } = fake([Buffer.from('Message-ID: <a@x>\r\n\r\nhi')]);
    const settings: unknown[] = [];
    const factory: ImapClientFactory = (s) => {
      settings.push(s);
      return client;
    };
    const received: InboundMeta[] = [];
    const inbound = {
      receive: (_raw: Buffer, meta: InboundMeta): Promise<InboundResult> => {
        received.push(meta);
        return Promise.resolve({
          id: '1',
          messageId: 'a@x',
          duplicate: false,
          outcome: 'rejected',
          reason: 'no_calendar',
        });
      },
    } as unknown as InboundService;
    const worker = new InboundImapWorker(env, inbound, factory);
    await worker.pollOnce(env.IMAP_URL ?? '');
    expect(settings).toEqual([
      expect.objectContaining({ host: 'imap.example.org', port: 993, secure: true, mailbox: 'Replies' }),
    ]);
    expect(received).toEqual([expect.objectContaining({ channel: 'imap' })]);
    expect(log).toEqual(['connect', 'lock Replies', 'seen 1', 'release', 'logout']);
  });

  it('logs out even when the pipeline fails, leaving the message unseen', async () => {
    const { client, log } = fake([Buffer.from('x')]);
    const inbound = { receive: () => Promise.reject(new Error('down')) } as unknown as InboundService;
    const worker = new InboundImapWorker(env, inbound, () => client);
    await worker.pollOnce(env.IMAP_URL ?? '');
    expect(log).toEqual(['connect', 'lock Replies', 'release', 'logout']);
  });
});
