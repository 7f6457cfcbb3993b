import { CalendarEventData } from '@app/calendar';
import { renderInvitationMail } from './invitation-mail.template';
import { isNonEssentialMail, listUnsubscribeHeaders } from './list-unsubscribe';

const meetup: CalendarEventData = {
  title: 'Winter meetup',
  description: 'Tea and conversation.',
  startsAt: new Date('2026-01-15T17:00:00Z'),
  endsAt: new Date('2026-01-15T19:00:00Z'),
  timezone: 'Europe/Berlin',
  location: 'Nachbarschaftshaus, Urbanstraße 21',
  joinUrl: null,
  status: 'CONFIRMED',
  eventUrl: 'https://hearth.example/events/3f2a',
  topicUrl: 'https://hearth.example/topics/88',
};
const rsvpLinks = {
  going: 'https://hearth.example/r/tok?a=going',
  maybe: 'https://hearth.example/r/tok?a=maybe',
  cantGo: 'https://hearth.example/r/tok?a=declined',
};
const base = { groupName: 'Rainbow Circle', event: meetup, rsvpLinks };

describe('renderInvitationMail', () => {
  it("shows times in the recipient's zone and locale, and the event's own local time", () => {
    const mail = renderInvitationMail({
      ...base,
      kind: 'invitation',
      locale: 'en-US',
      timeZone: 'America/New_York',
    });
    // ICU versions differ in spaces (U+202F, U+2009) and commas, not in the times.
    expect(mail.text).toMatch(/When: Thursday, January 15, 2026,? 12:00\s?–\s?2:00\sPM EST/);
    expect(mail.text).toMatch(
      /Local time of the event: Thursday, January 15, 2026,? 6:00\s?–\s?8:00\sPM GMT\+1/,
    );
    expect(mail.subject).toMatch(/^You're invited: Winter meetup · Thu, Jan 15, 12:00\sPM$/);
  });

  it('uses 24-hour times for en-GB and shows no second time when the zones agree', () => {
    const mail = renderInvitationMail({
      ...base,
      kind: 'invitation',
      locale: 'en-GB',
      timeZone: 'Europe/Paris',
    });
    expect(mail.text).toMatch(/When: Thursday,? 15 January 2026,? 18:00\s?–\s?20:00 CET/);
    expect(mail.text).not.toContain('Local time of the event');
  });

  it('offers Going / Maybe / Can’t go and the event page, in text and HTML', () => {
    const mail = renderInvitationMail({ ...base, kind: 'invitation' });
    for (const url of [rsvpLinks.going, rsvpLinks.maybe, rsvpLinks.cantGo, meetup.eventUrl]) {
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url.replace(/&/g, '&amp;')}"`);
    }
    expect(mail.text).toContain('Will you come?\nGoing: https://hearth.example/r/tok?a=going');
    expect(mail.html).toContain('>Can&#39;t go</a>');
  });

  it('renders Arabic right-to-left with Arabic dates', () => {
    const mail = renderInvitationMail({
      ...base,
      kind: 'invitation',
      locale: 'ar-EG',
      timeZone: 'Africa/Cairo',
    });
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.subject).toMatch(/^دعوة: Winter meetup · /);
    expect(mail.text).toContain('تدعوك Rainbow Circle إلى «Winter meetup».');
    // ar-EG writes Arabic-Indic digits: 19:00 in Cairo is ٧:٠٠ م.
    expect(mail.text).toMatch(/الموعد: الخميس، ١٥ يناير ٢٠٢٦، ٧:٠٠/);
    expect(mail.html).toContain('>سأحضر</a>');
  });

  it('escapes titles, names and descriptions in HTML', () => {
    const mail = renderInvitationMail({
      ...base,
      kind: 'invitation',
      groupName: 'A & B',
      event: { ...meetup, title: '<script>alert(1)</script>', description: '<img src=x onerror=alert(1)>' },
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('A &amp; B');
  });

  it('shows no place or join link when the recipient may not see them, and says when they will', () => {
    const event = { ...meetup, location: null, joinUrl: null, detailsWithheld: true };
    const mail = renderInvitationMail({ ...base, kind: 'waitlisted', event });
    expect(mail.text).not.toContain('Where:');
    expect(mail.text).not.toContain('Join online');
    expect(mail.text).toContain('on the waitlist');
    expect(mail.text).toContain('shared once your place is confirmed');
  });

  it('shows the place and a clickable join link once confirmed', () => {
    const event = { ...meetup, joinUrl: 'https://meet.example/r/42' };
    const mail = renderInvitationMail({ ...base, kind: 'confirmed', event });
    expect(mail.text).toContain('Where: Nachbarschaftshaus, Urbanstraße 21');
    expect(mail.html).toContain('<a href="https://meet.example/r/42" dir="ltr"');
  });

  it('names what changed in an update', () => {
    const mail = renderInvitationMail({ ...base, kind: 'update', changes: ['time', 'place'] });
    expect(mail.subject).toMatch(/^Updated: Winter meetup/);
    expect(mail.text).toContain('Rainbow Circle changed the time and the place of Winter meetup.');
  });

  it('never shows the place, join link or answer buttons in a cancellation', () => {
    const event = { ...meetup, status: 'CANCELLED' as const, joinUrl: 'https://meet.example/r/42' };
    const mail = renderInvitationMail({ ...base, kind: 'cancellation', event });
    expect(mail.subject).toMatch(/^Cancelled: Winter meetup/);
    expect(mail.text).not.toMatch(/Nachbarschaftshaus|meet\.example|tok\?a=/);
    expect(mail.html).not.toMatch(/Nachbarschaftshaus|meet\.example|tok\?a=/);
  });

  it('tells a removed person without the event page, place or buttons', () => {
    const mail = renderInvitationMail({ ...base, kind: 'removed' });
    expect(mail.subject).toBe('No longer on the guest list: Winter meetup');
    expect(mail.text).not.toMatch(/Nachbarschaftshaus|events\/3f2a|tok\?a=/);
  });

  it('says how soon a reminder’s event starts', () => {
    expect(renderInvitationMail({ ...base, kind: 'reminder', lead: '1h' }).text).toContain(
      'Winter meetup starts in 1 hour.',
    );
    expect(renderInvitationMail({ ...base, kind: 'reminder', lead: '24h', locale: 'ar' }).text).toContain(
      'تبدأ «Winter meetup» بعد 24 ساعة.',
    );
  });

  it('warns that the answer buttons are personal', () => {
    expect(renderInvitationMail({ ...base, kind: 'invitation' }).text).toContain(
      'please do not forward this email',
    );
  });

  it('refuses answer links that are not http(s)', () => {
    expect(() =>
      renderInvitationMail({
        ...base,
        kind: 'invitation',
        rsvpLinks: { ...rsvpLinks, going: 'javascript:alert(1)' },
      }),
    ).toThrow(/rsvpLinks.going/);
  });
});

describe('listUnsubscribeHeaders', () => {
  it('gives RFC 8058 one-click headers for an https URL', () => {
    expect(listUnsubscribeHeaders('https://hearth.example/unsubscribe/abc')).toEqual({
      'List-Unsubscribe': '<https://hearth.example/unsubscribe/abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('refuses a URL that is not https', () => {
    expect(() => listUnsubscribeHeaders('http://hearth.example/u')).toThrow(/https/);
  });

  it('counts invitations and reminders as non-essential, seat and schedule changes as essential', () => {
    expect(isNonEssentialMail('invitation')).toBe(true);
    expect(isNonEssentialMail('reminder')).toBe(true);
    expect(isNonEssentialMail('update')).toBe(false);
    expect(isNonEssentialMail('cancellation')).toBe(false);
    expect(isNonEssentialMail('confirmed')).toBe(false);
  });
});
