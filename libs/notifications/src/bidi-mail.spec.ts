import { CalendarEventData } from '@app/calendar';
import { renderAnnouncementMail } from './announcements/announcement-mail.template';
import { renderGroupInviteMail } from './group-invite.template';
import { renderInvitationMail } from './invitations/invitation-mail.template';

const ADDRESS = '12 Baker St, Flat 3B';
const event: CalendarEventData = {
  title: 'Tea & talk',
  description: 'Tea and conversation.',
  startsAt: new Date('2027-01-15T17:00:00Z'),
  endsAt: new Date('2027-01-15T19:00:00Z'),
  timezone: 'Europe/London',
  location: ADDRESS,
  joinUrl: null,
  status: 'CONFIRMED',
  eventUrl: 'https://hearth.example/events/3f2a',
  topicUrl: null,
};

describe('mails isolate user-provided values in their HTML (right-to-left done properly)', () => {
  it('an Arabic invitation wraps the address, title, group, name and time in <bdi>; text and subject stay plain', () => {
    const mail = renderInvitationMail({
      kind: 'invitation',
      locale: 'ar',
      timeZone: 'Asia/Amman',
      recipientName: 'Sam O’Neil',
      groupName: 'Rainbow Circle',
      event,
    });
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.html).toContain(`<bdi>${ADDRESS}</bdi>`);
    expect(mail.html).toContain('<bdi>Tea &amp; talk</bdi>');
    expect(mail.html).toContain('<bdi>Rainbow Circle</bdi>');
    expect(mail.html).toContain('<bdi>Sam O’Neil</bdi>');
    expect(mail.html).toMatch(/<bdi>[^<]*٢٠٢٧[^<]*<\/bdi>|<bdi>[^<]*2027[^<]*<\/bdi>/);
    expect(mail.html).not.toMatch(/[\u2066-\u2069]/);
    expect(mail.text).toContain(ADDRESS);
    expect(`${mail.subject}${mail.text}`).not.toMatch(/[\u2066-\u2069]/);
  });

  it('a group invitation and an announcement do the same', () => {
    const invite = renderGroupInviteMail({
      groupName: 'Leeds Walkers 3B',
      inviterName: 'Ada',
      link: 'https://hearth.example/invites/x',
      locale: 'ar',
    });
    expect(invite.html).toContain('<bdi>Leeds Walkers 3B</bdi>');
    expect(invite.subject).not.toMatch(/[\u2066-\u2069]/);
    const digest = renderAnnouncementMail({
      kind: 'digest',
      locale: 'ar',
      timeZone: 'Europe/London',
      recipientName: null,
      settingsUrl: 'https://hearth.example/account/announcements',
      groups: [{ groupName: 'Leeds Walkers 3B', topics: [], events: [{ event, rsvpLinks: null }], more: 0 }],
    });
    expect(digest.html).toContain(`<bdi>${ADDRESS}</bdi>`);
    expect(digest.html).toContain('<bdi>Leeds Walkers 3B</bdi>');
  });
});
