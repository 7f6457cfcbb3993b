import { renderProposalNotice } from './proposal-notice.template';

describe('renderProposalNotice', () => {
  const base = {
    locale: 'en',
    timeZone: 'Europe/Berlin',
    eventTimeZone: 'Europe/Berlin',
    eventTitle: 'Peer support\nevening',
    memberName: 'Sam <script>',
    proposal: {
      start: '2026-01-10T18:00:00.000Z',
      end: '2026-01-10T20:00:00.000Z',
      allDay: false,
      source: 'counter' as const,
    },
    comment: 'Could we start an hour later?',
    link: 'https://hearth.example/admin/events/e1',
  };

  it("names the member, the event and the proposed time in the organizer's zone, and says nothing changed", () => {
    const mail = renderProposalNotice(base);
    expect(mail.subject).toBe('Sam <script> proposed another time for Peer support evening');
    expect(mail.text).toMatch(/7:00\s*–\s*9:00\sPM GMT\+1/); // 18:00 UTC is 19:00 in Berlin in January
    expect(mail.text).toContain('Nothing has changed');
    expect(mail.text).toContain('“Could we start an hour later?”');
    expect(mail.text).toContain('https://hearth.example/admin/events/e1');
    expect(mail.html).toContain('Sam &lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
  });

  it('writes Arabic right to left, and keeps an all-day date as given', () => {
    const mail = renderProposalNotice({
      ...base,
      locale: 'ar',
      comment: null,
      proposal: { start: '2026-01-11', end: null, allDay: true, source: 'apple-proposed-new-time' },
    });
    expect(mail.subject).toContain('اقترح');
    expect(mail.text).toContain('2026-01-11');
    expect(mail.text).not.toContain('ملاحظته');
    expect(mail.html).toContain('dir="rtl"');
  });
});
