import { CalendarEventData } from '@app/calendar';
import { renderAnnouncementMail } from './announcement-mail.template';

const base = 'https://hearth.test';
const picnic: CalendarEventData = {
  title: 'Summer picnic',
  description: 'Bring food',
  startsAt: new Date('2031-07-10T17:00:00Z'),
  endsAt: new Date('2031-07-10T19:00:00Z'),
  timezone: 'Europe/Berlin',
  location: null,
  joinUrl: null,
  status: 'CONFIRMED',
  eventUrl: `${base}/events/e1`,
  detailsWithheld: true,
};
const rsvpLinks = {
  going: `${base}/rsvp/tok?answer=going`,
  maybe: `${base}/rsvp/tok?answer=maybe`,
  cantGo: `${base}/rsvp/tok?answer=declined`,
};
const groups = [
  {
    groupName: 'Queer <coffee>',
    topics: [{ title: 'Picnic plans', url: `${base}/topics/t1` }],
    events: [{ event: picnic, rsvpLinks }],
  },
  { groupName: 'Walkers', topics: [{ title: 'Autumn walk', url: `${base}/topics/t2` }], events: [] },
];
const settingsUrl = `${base}/account/announcements`;

describe('renderAnnouncementMail', () => {
  it('lists every group’s new topics and events in one digest, with one-click links and no hidden venue', () => {
    const mail = renderAnnouncementMail({
      kind: 'digest',
      locale: 'en',
      timeZone: 'Europe/London',
      groups,
      settingsUrl,
    });
    expect(mail.subject).toBe('Your daily digest: 3 new topics and events');
    expect(mail.text).toContain('== Queer <coffee> ==');
    expect(mail.text).toContain('New topic: Picnic plans');
    expect(mail.text).toContain(`${base}/topics/t1`);
    expect(mail.text).toContain(`${base}/topics/t2`);
    expect(mail.text).toContain(`${base}/events/e1`);
    expect(mail.text).toContain(rsvpLinks.going);
    expect(mail.text).toContain(rsvpLinks.cantGo);
    expect(mail.text).toContain(settingsUrl);
    // Times in the recipient's zone: 17:00 UTC is 6 PM in London in July.
    expect(mail.text).toMatch(/When: [^\n]*6:00[^\n]*8:00[^\n]*PM/);
    expect(mail.text).not.toContain('Where:');
    // Group names are text, never markup.
    expect(mail.html).toContain('Queer &lt;coffee&gt;');
    expect(mail.html).not.toContain('<coffee>');
  });

  it('shows the venue when the recipient may see it', () => {
    const visible = { ...picnic, location: 'The park, 12 Hidden Lane', detailsWithheld: false };
    const mail = renderAnnouncementMail({
      kind: 'digest',
      groups: [{ groupName: 'G', topics: [], events: [{ event: visible, rsvpLinks }] }],
      settingsUrl,
    });
    expect(mail.text).toContain('Where: The park, 12 Hidden Lane');
    expect(mail.subject).toBe('Your daily digest: 1 new topic or event');
  });

  it('names the one item in an immediate mail', () => {
    const topic = renderAnnouncementMail({
      kind: 'immediate',
      groups: [
        { groupName: 'Walkers', topics: [{ title: 'Autumn walk', url: `${base}/topics/t2` }], events: [] },
      ],
      settingsUrl,
    });
    expect(topic.subject).toBe('New topic in Walkers: Autumn walk');
    const event = renderAnnouncementMail({
      kind: 'immediate',
      groups: [{ groupName: 'Walkers', topics: [], events: [{ event: picnic, rsvpLinks }] }],
      settingsUrl,
    });
    expect(event.subject).toBe('New event in Walkers: Summer picnic');
  });

  it('speaks Arabic right to left with times in the recipient’s zone', () => {
    const mail = renderAnnouncementMail({
      kind: 'digest',
      locale: 'ar',
      timeZone: 'Asia/Amman',
      groups,
      settingsUrl,
    });
    expect(mail.subject).toContain('ملخصك اليومي');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain('موضوع جديد');
  });
});
