import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { Repository } from 'typeorm';
import { DevMailboxMessageEntity } from '../dev-mailbox/dev-mailbox-message.entity';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { DevMailboxTransport } from './dev-mailbox.transport';

/** Relaxed canonicalization (RFC 6376 §3.4.4) of a body, as nodemailer signs it. */
function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

/** Relaxed canonicalization (RFC 6376 §3.4.2) of one header field. */
function relaxedHeader(field: string): string {
  const colon = field.indexOf(':');
  const value = field
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${field.slice(0, colon).trim().toLowerCase()}:${value}`;
}

/** Checks the DKIM-Signature of a raw message (relaxed/relaxed, rsa-sha256) against a public key. */
function verifyDkim(raw: string, publicKey: string): { headers: string[]; ok: boolean } {
  const split = raw.indexOf('\r\n\r\n');
  const fields = raw.slice(0, split).split(/\r\n(?![ \t])/);
  const signature = fields.find((f) => /^DKIM-Signature:/i.test(f)) ?? '';
  const tags = new Map(
    signature
      .slice(signature.indexOf(':') + 1)
      .replace(/\s+/g, '')
      .split(';')
      .filter(Boolean)
      .map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)] as const),
  );
  const bodyHash = createHash('sha256')
    .update(relaxedBody(raw.slice(split + 4)))
    .digest('base64');
  const signed = (tags.get('h') ?? '').split(':');
  const used = new Set<string>();
  const lines = signed.map((name) => {
    const field = [...fields].reverse().find((f) => !used.has(f) && f.toLowerCase().startsWith(`${name}:`));
    if (field) used.add(field);
    return field ? relaxedHeader(field) : '';
  });
  const unsigned = relaxedHeader(signature).replace(/b=[^;]*$/, 'b=');
  const data = `${lines.filter(Boolean).join('\r\n')}\r\n${unsigned}`;
  const ok =
    tags.get('bh') === bodyHash &&
    verify('sha256', Buffer.from(data), publicKey, Buffer.from(tags.get('b') ?? '', 'base64'));
  return { headers: signed, ok };
}

describe('DevMailboxTransport', () => {
  it('DKIM-signs the raw MimeWriter message (List-Unsubscribe included) with a valid signature', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const inserted: Partial<DevMailboxMessageEntity>[] = [];
    const mailbox = {
      insert: (row: Partial<DevMailboxMessageEntity>) => {
        inserted.push(row);
        return Promise.resolve();
      },
    } as unknown as Repository<DevMailboxMessageEntity>;
    const transport = new DevMailboxTransport(mailbox, 'Hearth <no-reply@hearth.test>', {
      domainName: 'hearth.test',
      keySelector: 'mail',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const message = {
      id: '00000000-0000-4000-8000-000000000001',
      recipient: 'sam@example.org',
      subject: 'دعوة: لقاء تعارف',
      textBody: 'Hi Sam,  \n\nYou are invited.\n',
      htmlBody: '<p>Hi Sam</p>\n',
      headers: {
        'List-Unsubscribe': '<https://hearth.test/u/1>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      calendar: {
        method: 'REQUEST',
        filename: 'invite.ics',
        content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      },
      attachments: [],
      messageId: '<m1@hearth.test>',
    } as unknown as OutboxMessageEntity;
    await transport.send(message);
    const raw = inserted[0].raw ?? '';
    expect(raw).toMatch(/^DKIM-Signature: /);
    const result = verifyDkim(raw, publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(result.headers).toEqual(expect.arrayContaining(['from', 'to', 'subject', 'list-unsubscribe']));
    expect(result.ok).toBe(true);
    // The check itself tells a changed body or header from the signed one.
    const key = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyDkim(raw.replace('You are invited', 'You are not invited'), key).ok).toBe(false);
    expect(verifyDkim(raw.replace('To: sam@example.org', 'To: eve@example.org'), key).ok).toBe(false);
    expect(inserted[0]).toMatchObject({ recipient: 'sam@example.org', messageId: '<m1@hearth.test>' });
  });
});
