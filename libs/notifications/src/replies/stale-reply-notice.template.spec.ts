import { renderStaleReplyNotice } from './stale-reply-notice.template';

describe('renderStaleReplyNotice', () => {
  const base = {
    locale: 'en',
    timeZone: 'Europe/Berlin',
    eventTimeZone: 'Europe/Berlin',
    eventTitle: 'Peer support\nevening',
    startsAt: new Date('2026-01-10T18:00:00.000Z'),
    endsAt: new Date('2026-01-10T20:00:00.000Z'),
    answer: 'going' as const,
    links: {
      going: 'https://hearth.example/rsvp/tok?answer=going',
      maybe: 'https://hearth.example/rsvp/tok?answer=maybe',
      declined: 'https://hearth.example/rsvp/tok?answer=declined',
    },
  };

  it('says the answer was for an earlier version, gives the time now in their zone and the three links', () => {
    const mail = renderStaleReplyNotice(base);
    expect(mail.subject).toBe('Peer support evening has changed: please answer again');
    expect(mail.text).toContain('“going”');
    expect(mail.text).toContain('has not been recorded');
    expect(mail.text).toMatch(/7:00\s*–\s*9:00\sPM GMT\+1/);
    for (const url of Object.values(base.links)) {
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(url);
    }
    expect(mail.html).toContain('dir="ltr"');
  });

  it('writes Arabic right to left', () => {
    const mail = renderStaleReplyNotice({ ...base, locale: 'ar', answer: 'declined' });
    expect(mail.subject).toContain('يُرجى الرد مجددًا');
    expect(mail.text).toContain('«لن أحضر»');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain(base.links.maybe);
  });
});
