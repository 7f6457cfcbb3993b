import { describe, expect, it } from '@jest/globals';
import { headerValue, readMail } from './mail-message';

const INVITATION = [
  'From: Hearth <noreply@hearth.test>',
  'To: ada@example.com',
  'Subject: =?utf-8?B?SW52aXRhdGlvbjog2YLZh9mI2Kk=?=',
  '  =?utf-8?Q?_night?=',
  'Message-ID: <m1@hearth.test>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: multipart/alternative; boundary="b2"',
  '',
  '--b2',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Caf=C3=A9 at 7',
  '--b2',
  'Content-Type: text/calendar; charset=utf-8; method=REQUEST',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n').toString('base64'),
  '--b2--',
  '--b1',
  'Content-Type: application/ics; name="invite.ics"',
  'Content-Disposition: attachment; filename="invite.ics"',
  '',
  'BEGIN:VCALENDAR',
  '--b1--',
  '',
].join('\r\n');

describe('readMail', () => {
  it('decodes headers, the plain text and the calendar parts of an invitation', async () => {
    const mail = await readMail(INVITATION);
    expect(headerValue(mail.headers, 'subject')).toBe('Invitation: قهوة night');
    expect(headerValue(mail.headers, 'To')).toBe('ada@example.com');
    expect(mail.text?.trim()).toBe('Café at 7');
    expect(mail.parts.map((p) => [p.contentType, p.method, p.filename])).toEqual([
      ['text/calendar', 'REQUEST', null],
      ['application/ics', null, 'invite.ics'],
    ]);
    expect(new TextDecoder().decode(mail.parts[0].bytes)).toContain('METHOD:REQUEST');
  });

  it('has no text for a message without a plain-text part', async () => {
    const mail = await readMail('Subject: x\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n');
    expect(mail.text).toBeNull();
    expect(mail.parts).toEqual([]);
  });
});
