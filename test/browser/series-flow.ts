/**
 * The journey in a real browser: an organizer opens a topic, members take part, a
 * three-event series is scheduled from it, one event moves by an hour (the update count is shown
 * before saving), invitations land in the dev mailbox, one member opens the emailed link and
 * answers Going on the event page, another answers Decline through a genuine calendar REPLY, and
 * the organizer's RSVP tab shows both. Plus the screens around it: moderation, quarantine, the
 * month calendar, and the member pages (group, topic, public networking list).
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import MailComposer from 'nodemailer/lib/mail-composer';
import { InboundService } from '@app/inbound';
import type { TestApp } from '../support/app';
import { assert, assertEqual, eventually, type Check } from './harness';
import type { DomDocument } from './dom';

declare const document: DomDocument;

export interface FlowContext {
  app(): TestApp;
  browser(): Browser;
  /** The organizer's (instance owner's) page, signed in. */
  page(): Page;
  url(path: string): string;
  capture(name: string, on?: Page): Promise<void>;
  watch(page: Page): Page;
  group: { slug: string; name: string };
}

interface Person {
  email: string;
  name: string;
  id: string;
  cookie: string;
}

interface MailSummary {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
}

interface ApiEvent {
  id: string;
  title: string;
  kind: string;
  startsAt: string;
  sequence: number;
  venueAddress: string | null;
  locationVisibility?: string;
}

const TOPIC = {
  title: 'Coming out at work',
  body: 'How did you tell colleagues, and what helped? Let’s share and then meet up.',
};
const SERIES_TITLE = 'Out at work';
const MEETUP = {
  title: 'Out at work: meetup',
  venue: 'The Reading Room',
  address: '12 Quiet Lane, Leeds LS1 4AB',
  notes: 'Lift to the first floor; the room is quiet with soft lighting.',
};
const JOIN_URL = 'https://meet.example.org/out-at-work';

/** The last Sunday of March (Europe switches to summer time) of a year, as YYYY-MM-DD. */
function lastSundayOfMarch(year: number): string {
  for (let day = 31; ; day--) {
    if (new Date(Date.UTC(year, 2, day)).getUTCDay() === 0)
      return `${year}-03-${String(day).padStart(2, '0')}`;
  }
}

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Unfolded iCalendar lines of a MIME message's calendar part (quoted-printable or base64 aware enough here). */
function calendarProperty(raw: string, name: string): string | null {
  const unfolded = raw.replace(/\r?\n[ \t]/g, '');
  const m = new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.+)$`, 'mi').exec(unfolded);
  return m ? m[1].trim() : null;
}

export function seriesFlowChecks(ctx: FlowContext): Check[] {
  const t = () => ctx.app();
  const page = () => ctx.page();
  const url = ctx.url;
  const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name });
  const slug = ctx.group.slug;
  const people: Record<'alex' | 'jo' | 'sam', Person> = {
    alex: { email: 'alex@example.org', name: 'Alex', id: '', cookie: '' },
    jo: { email: 'jo@example.org', name: 'Jo', id: '', cookie: '' },
    sam: { email: 'sam@example.org', name: 'Sam', id: '', cookie: '' },
  };
  const state = { topicId: '', seriesId: '', events: [] as ApiEvent[], meetupId: '', memberEventUrl: '' };
  let member: BrowserContext | undefined;
  let memberPage!: Page;

  const api = async (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, cookie?: string) => {
    const res = await fetch(url(path), {
      method,
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  /** As the organizer: the browser's own session (page.request shares its cookies). */
  const ownerApi = async <T>(path: string): Promise<T> => {
    const res = await page().request.get(url(path));
    assert(res.ok(), `GET ${path} → ${res.status()}`);
    return (await res.json()) as T;
  };
  const mailboxFor = (email: string) =>
    ownerApi<MailSummary[]>(`/api/dev/mailbox?limit=200&to=${encodeURIComponent(email)}`);
  const rawMail = async (id: string): Promise<string> => {
    const res = await page().request.get(url(`/api/dev/mailbox/${id}/raw`));
    return res.text();
  };
  /** The newest mail to someone whose subject contains `text`, once the outbox has sent it. */
  const newestMail = (email: string, text: string): Promise<MailSummary> =>
    eventually(`a mail to ${email} about "${text}"`, async () =>
      (await mailboxFor(email)).find((m) => m.subject.includes(text)),
    );
  const local = (link: string): string => {
    const u = new URL(link);
    return url(`${u.pathname}${u.search}`);
  };

  return [
    {
      name: 'members Alex and Jo ask to join the private group and the organizer approves them',
      fn: async () => {
        for (const key of ['alex', 'jo', 'sam'] as const) {
          const session = await t().sessionFor(people[key].email, people[key].name);
          people[key].id = session.userId;
          people[key].cookie = session.cookie;
        }
        for (const key of ['alex', 'jo'] as const) {
          const joined = (await api('POST', `/api/groups/${slug}/join`, undefined, people[key].cookie)) as {
            status: string;
          };
          assertEqual(joined.status, 'pending', `${key} join status`);
          const res = await page().request.patch(url(`/api/groups/${slug}/members/${people[key].id}`), {
            data: { status: 'active' },
          });
          assertEqual(res.status(), 200, `approving ${key}`);
        }
      },
    },
    {
      name: 'the organizer opens a topic; members post and follow; a reported post is hidden from the moderation queue; lock and unlock',
      fn: async () => {
        const p = page();
        await p.goto(url(`/admin/groups/${slug}/topics`));
        await h1(p, ctx.group.name).waitFor();
        await p.getByText('Start a discussion').click();
        await p.getByLabel('Title').fill(TOPIC.title);
        await p.getByLabel('Opening post').fill(TOPIC.body);
        await p.getByRole('button', { name: 'Start discussion' }).click();
        await h1(p, TOPIC.title).waitFor();
        state.topicId = new URL(p.url()).pathname.split('/').pop() ?? '';

        // Alex posts, Jo follows: both took part, so both will be invited. Sam posts spam, Jo reports it.
        await api(
          'POST',
          `/api/topics/${state.topicId}/posts`,
          { body: 'I told my team last year — happy to share how it went.' },
          people.alex.cookie,
        );
        await api('POST', `/api/topics/${state.topicId}/follow`, undefined, people.jo.cookie);
        const spam = (await api(
          'POST',
          `/api/topics/${state.topicId}/posts`,
          { body: 'Cheap watches, click here' },
          people.sam.cookie,
        )) as { id: string };
        await api(
          'POST',
          `/api/posts/${spam.id}/reports`,
          { reason: 'Spam, not about the topic' },
          people.jo.cookie,
        );

        await p.reload();
        await p.getByText('I told my team last year').waitFor();
        await ctx.capture('topic');

        await p.goto(url(`/admin/groups/${slug}/reports`));
        const report = p.locator('article.report', { hasText: 'Spam, not about the topic' });
        await report.waitFor();
        await ctx.capture('moderation');
        await report.getByRole('button', { name: 'Hide post and resolve' }).click();
        await p
          .locator('[role=status]')
          .filter({ hasText: 'The post is hidden and the report resolved.' })
          .waitFor();

        await p.goto(url(`/admin/topics/${state.topicId}`));
        await h1(p, TOPIC.title).waitFor();
        await p.locator('[data-post]', { hasText: 'Cheap watches' }).getByText('Hidden').waitFor();
        await p.getByRole('button', { name: 'Lock' }).click();
        await p.getByText('Locked: visible, but nobody can reply.').waitFor();
        await p.getByRole('button', { name: 'Unlock' }).click();
        await p.getByText('Open: members can reply.').waitFor();
      },
    },
    {
      name: 'the organizer schedules a three-event series from the topic: time zone picker, venue, accessibility, capacity, hidden address; times are right across the DST change',
      fn: async () => {
        const p = page();
        await p.getByRole('link', { name: 'Schedule a series' }).click();
        await h1(p, 'Schedule a series').waitFor();
        const steps = p.locator('.plan-step');
        await steps.nth(2).waitFor();
        assertEqual(await steps.count(), 3, 'planned events');
        const kinds = await p.locator('.plan-strip .plan-kind').allTextContents();
        assertEqual(
          kinds.join(' → '),
          'Online discussion → In-person meetup → Virtual networking',
          'the plan',
        );

        const sunday = lastSundayOfMarch(new Date().getUTCFullYear() + 1);
        const dates = [addDays(sunday, -3), addDays(sunday, 4), addDays(sunday, 11)];
        await p.locator('select[name=timezone]').selectOption('Europe/London');
        await p.locator('input[name=series-title]').fill(SERIES_TITLE);
        await p.locator('input[name=step-0-title]').fill('Out at work: online discussion');
        await p.locator('input[name=step-0-date]').fill(dates[0]);
        await p.locator('input[name=step-0-start]').fill('19:00');
        await p.locator('input[name=step-0-end]').fill('20:30');
        await p.locator('input[name=step-0-join-url]').fill(JOIN_URL);

        await p.locator('input[name=step-1-title]').fill(MEETUP.title);
        await p.locator('input[name=step-1-date]').fill(dates[1]);
        await p.locator('input[name=step-1-start]').fill('18:30');
        await p.locator('input[name=step-1-end]').fill('21:00');
        await p.locator('input[name=step-1-venue-name]').fill(MEETUP.venue);
        await p.locator('input[name=step-1-venue-address]').fill(MEETUP.address);
        // Accessibility is stated per feature (yes / no / not stated); nothing comes pre-selected.
        assertEqual(
          await p.locator('select[name=step-1-stepFreeAccess]').inputValue(),
          '',
          'step-free access pre-selected',
        );
        await p.locator('select[name=step-1-quietRoom]').selectOption('yes');
        await p.locator('textarea[name=step-1-access-notes]').fill(MEETUP.notes);
        await p.locator('input[name=step-1-capacity]').fill('12');
        assert(
          await p.locator('input[name=step-1-location-visibility][value=attendees]').isChecked(),
          'the address is hidden until confirmed by default',
        );

        await p.locator('input[name=step-2-title]').fill('Out at work: networking');
        await p.locator('input[name=step-2-date]').fill(dates[2]);
        await p.locator('input[name=step-2-join-url]').fill(`${JOIN_URL}-social`);

        // The offset shown is the zone's at that date: GMT before the switch, BST after.
        await p.getByTestId('step-0-when').filter({ hasText: '(UTC+00:00)' }).waitFor();
        await p.getByTestId('step-1-when').filter({ hasText: '(UTC+01:00)' }).waitFor();
        // The audience (the topic's participants by default) is counted before anything is sent.
        await p
          .locator('[data-audience-preview]')
          .filter({ hasText: '4 will be invited, 0 skipped' })
          .waitFor();
        await ctx.capture('series-plan');

        // The jobs list of each event is held back until its invitations are all sent, so the page
        // learns of them only after they finished: the count read before must still be read again.
        const jobsRoute = '**/api/events/*/jobs';
        let holding = true;
        await p.route(jobsRoute, async (route) => {
          try {
            for (let tries = 0; ; tries++) {
              const response = await route.fetch();
              const jobs = (await response.json()) as Array<{ status: string; queued: number }>;
              const busy = jobs.some((j) => j.status === 'queued' || j.status === 'running' || j.queued > 0);
              if (!busy || !holding || tries > 40) return await route.fulfill({ response, json: jobs });
              await new Promise((r) => setTimeout(r, 150));
            }
          } catch {
            // The route was let go meanwhile (the project's CI once saw "Route is already handled" here,
            // which ended the whole run): the page got its answer without the hold, nothing to do.
          }
        });
        await p.getByRole('button', { name: 'Schedule 3 events and send invitations' }).click();
        await p.waitForURL(/\/admin\/series\/[0-9a-f-]{36}\?scheduled=1$/);
        state.seriesId = new URL(p.url()).pathname.split('/').pop() ?? '';
        await p.getByText('The series is scheduled and invitations are on their way.').waitFor();
        // Invited: the topic's author (the organizer), Alex (posted), Jo (follows) and Sam, whose post is
        // hidden but who follows the topic since posting in it.
        await eventually(
          'four calendars invited for each event',
          async () =>
            (await p.getByTestId('invited').allTextContents()).filter((x) =>
              x.includes('4 calendars invited'),
            ).length === 3,
        );
        holding = false;
        await p.unroute(jobsRoute);
        await ctx.capture('series');

        const series = await ownerApi<{ events: ApiEvent[] }>(`/api/series/${state.seriesId}`);
        state.events = series.events;
        assertEqual(series.events.length, 3, 'events in the series');
        assertEqual(series.events[0].startsAt, `${dates[0]}T19:00:00.000Z`, 'discussion start (GMT)');
        assertEqual(series.events[1].startsAt, `${dates[1]}T17:30:00.000Z`, 'meetup start (BST)');
        assertEqual(series.events[1].locationVisibility, 'attendees', 'meetup address visibility');
        state.meetupId = series.events[1].id;
      },
    },
    {
      name: 'the organizer moves the meetup by an hour and is told "This will update 4 calendars" before saving',
      fn: async () => {
        const p = page();
        await p.getByRole('link', { name: MEETUP.title }).click();
        await h1(p, MEETUP.title).waitFor();
        await p.locator('input[name=edit-start]').fill('19:30');
        await p.locator('input[name=edit-end]').fill('22:00');
        await p.getByRole('button', { name: 'Review changes' }).click();
        const confirm = p.getByTestId('update-confirm');
        await confirm.getByRole('heading', { name: 'This will update 4 calendars.' }).waitFor();
        await ctx.capture('event-edit-confirm');
        await confirm.getByRole('button', { name: 'Save and update 4 calendars' }).click();
        await p
          .locator('[role=status]')
          .filter({ hasText: 'Saved. 4 calendars are being updated.' })
          .waitFor();
        await p.getByTestId('event-when').filter({ hasText: '19:30' }).waitFor();
        const moved = await ownerApi<ApiEvent>(`/api/events/${state.meetupId}`);
        assertEqual(
          moved.startsAt,
          new Date(Date.parse(state.events[1].startsAt) + 3_600_000).toISOString(),
          'moved start',
        );
        assertEqual(moved.sequence, 1, 'SEQUENCE after the move');
        await ctx.capture('event-details');
      },
    },
    {
      name: 'the dev mailbox shows the invitations and the update; an invitation carries its .ics and no address',
      fn: async () => {
        const p = page();
        await newestMail(people.alex.email, `Updated: ${MEETUP.title}`);
        await newestMail(people.jo.email, `Updated: ${MEETUP.title}`);
        await p.goto(url('/admin/mail/mailbox'));
        await h1(p, 'Mail').waitFor();
        for (const who of [people.alex.email, people.jo.email]) {
          for (const subject of [`You're invited: ${MEETUP.title}`, `Updated: ${MEETUP.title}`]) {
            await p.locator('tr', { hasText: who }).filter({ hasText: subject }).first().waitFor();
          }
        }
        await ctx.capture('mailbox-invitations');
        await p
          .locator('tr', { hasText: people.alex.email })
          .filter({ hasText: `You're invited: ${MEETUP.title}` })
          .getByRole('link')
          .click();
        await h1(p, new RegExp(`You're invited: ${MEETUP.title}`)).waitFor();
        await p.getByRole('link', { name: 'Download invite.ics' }).waitFor();
        await p.getByText('method=REQUEST').first().waitFor();
        const text = (await p.locator('pre.message-text').textContent()) ?? '';
        assert(!text.includes(MEETUP.address), 'the address is in an unconfirmed member’s invitation');
        await p.getByTestId('dev-reply').waitFor();
        await ctx.capture('mail-invitation');
      },
    },
    {
      name: 'a member opens the emailed event link, signs in by email on the page and confirms Going; the address appears only then',
      fn: async () => {
        const mail = await newestMail(people.alex.email, `Updated: ${MEETUP.title}`);
        const raw = await rawMail(mail.id);
        const link = /https?:\/\/[^\s"<>]+\/events\/[0-9a-f-]{36}/.exec(raw.replace(/=\r?\n/g, ''))?.[0];
        assert(link, 'no event link in the invitation');
        state.memberEventUrl = local(link);
        member = await ctx.browser().newContext({
          viewport: { width: 1280, height: 860 },
          locale: 'en-GB',
          timezoneId: 'Europe/London',
        });
        memberPage = ctx.watch(await member.newPage());

        // Signed out, a private group's event does not exist; the page offers to sign in.
        await memberPage.goto(state.memberEventUrl);
        await h1(memberPage, 'Not found').waitFor();
        assert(!(await memberPage.content()).includes(MEETUP.title), 'a private event leaks to a visitor');
        await ctx.capture('member-event-signed-out', memberPage);
        await memberPage.getByRole('link', { name: 'Sign in' }).last().click();
        await h1(memberPage, 'Sign in').waitFor();
        await memberPage.getByLabel('Email address').fill(people.alex.email);
        await memberPage.getByRole('button', { name: 'Email me a sign-in link' }).click();
        await h1(memberPage, 'Check your inbox').waitFor();
        await ctx.capture('member-sign-in-sent', memberPage);

        const signIn = await newestMail(people.alex.email, 'Your Hearth sign-in link');
        const magic = /https?:\/\/\S+\/auth\/magic\?token=[A-Za-z0-9_%-]+/.exec(
          (await rawMail(signIn.id)).replace(/=\r?\n/g, '').replace(/=3D/g, '='),
        )?.[0];
        assert(magic, 'no sign-in link');
        await memberPage.goto(local(magic));
        await memberPage.getByRole('button', { name: 'Sign in' }).click();
        // The first sign-in step (pre-filled: name, language, the browser's zone), then on.
        await h1(memberPage, 'Welcome to Hearth').waitFor();
        await ctx.capture('member-welcome', memberPage);
        await memberPage.getByRole('button', { name: 'Continue' }).click();
        // Back on the event page it was asked from, now signed in.
        await memberPage.waitForURL(state.memberEventUrl);
        await h1(memberPage, MEETUP.title).waitFor();
        await memberPage.getByTestId('my-status').and(memberPage.locator('[data-status=none]')).waitFor();
        await memberPage.getByTestId('location-hidden').waitFor();
        assert(
          !(await memberPage.content()).includes(MEETUP.address),
          'the address shows before confirmation',
        );
        await ctx.capture('member-event-invited', memberPage);

        await memberPage.getByRole('button', { name: 'Going', exact: true }).click();
        await memberPage.waitForURL(`${state.memberEventUrl}?answered=1`);
        await memberPage.locator('[role=status]').filter({ hasText: 'Your answer is saved.' }).waitFor();
        await memberPage.locator('[data-testid=my-status][data-status=going]').waitFor();
        await memberPage.getByTestId('venue').filter({ hasText: MEETUP.address }).waitFor();
        await memberPage.locator('[data-testid=access-quietRoom][data-stated=yes]').waitFor();
        await ctx.capture('member-event-going', memberPage);

        await memberPage.goto(`${state.memberEventUrl}?lang=ar`);
        assertEqual(await memberPage.evaluate(() => document.documentElement.dir), 'rtl', 'event page dir');
        await memberPage.getByText('ستحضر').first().waitFor();
        await ctx.capture('member-event-rtl', memberPage);
        // The choice sticks (lang cookie) until the member chooses again.
        await memberPage.goto(state.memberEventUrl);
        assertEqual(await memberPage.evaluate(() => document.documentElement.lang), 'ar', 'language kept');
        await memberPage.goto(`${state.memberEventUrl}?lang=en`);
        assertEqual(await memberPage.evaluate(() => document.documentElement.dir), 'ltr', 'back to English');
      },
    },
    {
      name: 'a second member answers through "reply as attendee: Decline": a real REPLY through the inbound pipeline, applied',
      fn: async () => {
        const p = page();
        await p.goto(url('/admin/mail/mailbox'));
        await p
          .locator('tr', { hasText: people.jo.email })
          .filter({ hasText: `Updated: ${MEETUP.title}` })
          .first()
          .getByRole('link')
          .click();
        await h1(p, new RegExp(`Updated: ${MEETUP.title}`)).waitFor();
        const reply = p.getByTestId('dev-reply');
        await reply.getByRole('button', { name: 'Decline' }).click();
        await reply.locator('[role=status]').filter({ hasText: 'Reply received: Applied.' }).waitFor();
        await reply.getByText('RSVP is now Declined.').waitFor();
        await ctx.capture('dev-reply');

        await p.getByRole('link', { name: 'See the inbound log' }).click();
        await h1(p, 'Mail').waitFor();
        await p.locator('tr[data-outcome=applied]', { hasText: people.jo.email }).waitFor();
        await ctx.capture('inbound-log');
      },
    },
    {
      name: 'a forged reply (Sam answering with Alex’s invitation) is quarantined, never applied, and dismissed by the organizer',
      fn: async () => {
        const invite = await rawMail((await newestMail(people.alex.email, `Updated: ${MEETUP.title}`)).id);
        const organizer = calendarProperty(invite, 'ORGANIZER')?.replace(/^mailto:/i, '') ?? '';
        const uid = calendarProperty(invite, 'UID') ?? '';
        assert(organizer.startsWith('rsvp+') && uid, 'invitation calendar');
        const ics = [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//Forger//EN',
          'METHOD:REPLY',
          'BEGIN:VEVENT',
          `UID:${uid}`,
          'DTSTAMP:20260101T120000Z',
          'SEQUENCE:1',
          `ORGANIZER:mailto:${organizer}`,
          `ATTENDEE;PARTSTAT=DECLINED:mailto:${people.alex.email}`,
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n');
        const forged = await new MailComposer({
          from: people.sam.email,
          to: organizer,
          subject: `Declined: ${MEETUP.title}`,
          text: 'Declined.',
          icalEvent: { method: 'REPLY', content: ics },
        })
          .compile()
          .build();
        const result = await t()
          .server.app.get(InboundService)
          .receive(forged, { channel: 'smtp', envelopeFrom: people.sam.email, envelopeTo: [organizer] });
        assertEqual(result.outcome, 'quarantined', 'forged reply outcome');

        const p = page();
        await p.goto(url('/admin/mail/quarantine'));
        const item = p.locator('article', { hasText: people.sam.email });
        await item.waitFor();
        await ctx.capture('quarantine');
        await item.getByRole('button', { name: 'Dismiss' }).click();
        await p.locator('[role=status]').filter({ hasText: 'The reply is dismissed.' }).waitFor();
        await p.getByText('Nothing in quarantine.').waitFor();
      },
    },
    {
      name: 'the organizer’s RSVP tab shows Alex going (web) and Jo declined (calendar reply); check-in and CSV export work',
      fn: async () => {
        const p = page();
        await p.goto(url(`/admin/events/${state.meetupId}/rsvps`));
        await h1(p, MEETUP.title).waitFor();
        const tabs = p.getByRole('navigation', { name: 'RSVPs by status' });
        await tabs.locator('a[data-status=going] .count').filter({ hasText: '1' }).waitFor();
        await tabs.locator('a[data-status=declined] .count').filter({ hasText: '1' }).waitFor();
        const alexRow = p.locator('tr', { has: p.getByRole('rowheader', { name: 'Alex' }) });
        await alexRow.getByText('Web').waitFor();
        assertEqual(await p.locator('table.rsvps tbody tr').count(), 1, 'people going');
        await p.getByTestId('seats').filter({ hasText: '1 of 12 seats taken' }).waitFor();
        await alexRow.getByRole('button', { name: 'Check in Alex' }).click();
        await p.locator('[role=status]').filter({ hasText: 'Alex: Going.' }).waitFor();
        await alexRow.getByRole('button', { name: 'Check in Alex' }).waitFor({ state: 'detached' });
        await ctx.capture('rsvps-going');

        await tabs.getByRole('link', { name: /Declined/ }).click();
        const joRow = p.locator('tr', { has: p.getByRole('rowheader', { name: 'Jo' }) });
        await joRow.getByText('Calendar reply').waitFor();
        assertEqual(await p.locator('table.rsvps tbody tr').count(), 1, 'people declined');
        await ctx.capture('rsvps-declined');

        const href = await p.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
        assertEqual(href, `/api/events/${state.meetupId}/rsvps.csv`, 'CSV link');
        const csv = await p.request.get(url(href ?? ''));
        assertEqual(csv.status(), 200, 'CSV status');
        const body = await csv.text();
        assert(body.includes('Alex') && body.includes('Jo'), `CSV content: ${body}`);
      },
    },
    {
      name: 'the dashboard lists upcoming events across my groups with going / waitlisted / pending counts; the month calendar shows the series',
      fn: async () => {
        const p = page();
        await p.goto(url('/admin/'));
        await h1(p, 'Dashboard').waitFor();
        const row = p.locator(`tr[data-event="${state.meetupId}"]`);
        await row.locator('[data-count=going]').filter({ hasText: '1 / 12' }).waitFor();
        assertEqual((await row.locator('[data-count=waitlisted]').textContent())?.trim(), '0', 'waitlisted');
        assertEqual((await row.locator('[data-count=pending]').textContent())?.trim(), '0', 'pending');
        await ctx.capture('dashboard-upcoming');

        const month = state.events[1].startsAt.slice(0, 7);
        await p.goto(url(`/admin/calendar?month=${month}`));
        await h1(p, 'Calendar').waitFor();
        await p
          .locator('table.month')
          .getByRole('link', { name: new RegExp(MEETUP.title) })
          .waitFor();
        await ctx.capture('calendar');
      },
    },
    {
      name: 'a reply from Alex’s other address is quarantined; the organizer sees what applying changes, applies it, then sets Alex’s answer to Maybe on their behalf',
      fn: async () => {
        const discussion = state.events[0];
        const invite = await rawMail((await newestMail(people.alex.email, discussion.title)).id);
        const organizer = calendarProperty(invite, 'ORGANIZER')?.replace(/^mailto:/i, '') ?? '';
        const uid = calendarProperty(invite, 'UID') ?? '';
        const sequence = calendarProperty(invite, 'SEQUENCE') ?? '0';
        assert(organizer.startsWith('rsvp+') && uid, 'invitation calendar');
        const ics = [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//Work calendar//EN',
          'METHOD:REPLY',
          'BEGIN:VEVENT',
          `UID:${uid}`,
          'DTSTAMP:20260101T120000Z',
          `SEQUENCE:${sequence}`,
          `ORGANIZER:mailto:${organizer}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${people.alex.email}`,
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n');
        const other = 'alex.at.work@example.org';
        const raw = await new MailComposer({
          from: other,
          to: organizer,
          subject: `Accepted: ${discussion.title}`,
          text: 'Accepted.',
          icalEvent: { method: 'REPLY', content: ics },
        })
          .compile()
          .build();
        const result = await t()
          .server.app.get(InboundService)
          .receive(raw, { channel: 'smtp', envelopeFrom: other, envelopeTo: [organizer] });
        assertEqual(result.outcome, 'quarantined', 'reply from another address');

        const p = page();
        await p.goto(url('/admin/mail/quarantine'));
        const item = p.locator('article', { hasText: other });
        await item.getByRole('button', { name: 'Review and apply…' }).click();
        const change = item.getByTestId('apply-change');
        await change.filter({ hasText: `Alex for “${discussion.title}”: no answer yet → Going` }).waitFor();
        await ctx.capture('quarantine-apply-preview');
        await item.getByRole('button', { name: 'Apply', exact: true }).click();
        await p.locator('[role=status]').filter({ hasText: 'The answer is applied.' }).waitFor();

        await p.goto(url(`/admin/events/${discussion.id}/rsvps?status=going`));
        const row = p.locator('table.rsvps tbody tr', { hasText: 'Alex' });
        await row.getByLabel('Answer for Alex').selectOption('maybe');
        await row.getByRole('button', { name: 'Set answer Alex' }).click();
        await p.locator('[role=status]').filter({ hasText: 'Answer set for Alex: Maybe.' }).waitFor();
        const tabs = p.getByRole('navigation', { name: 'RSVPs by status' });
        await tabs.locator('a[data-status=maybe] .count').filter({ hasText: '1' }).waitFor();
        await tabs.locator('a[data-status=maybe]').click();
        await p
          .locator('table.rsvps[data-status=maybe] tbody tr', { hasText: 'Alex' })
          .getByText('Organizer')
          .waitFor();
        await ctx.capture('rsvps-on-behalf');
      },
    },
    {
      name: 'member pages: the group page and the read-only topic page (hidden posts stay hidden)',
      fn: async () => {
        await memberPage.goto(url(`/groups/${slug}`));
        await h1(memberPage, ctx.group.name).waitFor();
        await memberPage.locator('.event-list').getByRole('link', { name: MEETUP.title }).waitFor();
        await memberPage.getByText('You are a member of this group.').waitFor();
        await ctx.capture('member-group', memberPage);
        await memberPage.goto(url(`/topics/${state.topicId}`));
        await h1(memberPage, TOPIC.title).waitFor();
        await memberPage.getByText('I told my team last year').waitFor();
        assert(
          !(await memberPage.content()).includes('Cheap watches'),
          'a hidden post shows on the topic page',
        );
        await ctx.capture('member-topic', memberPage);
      },
    },
    {
      name: 'member pages: the public virtual networking list and a public event, seen without an account',
      fn: async () => {
        // A public group with a public networking event (made through the API, as an organizer would).
        const owner = {
          Cookie: (await page().context().cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
        };
        const publicSlug = 'trans-tech-social';
        await api(
          'POST',
          '/api/groups',
          {
            slug: publicSlug,
            name: 'Trans Tech Social',
            description: 'Friendly online meetups for trans and non-binary people in tech.',
            timezone: 'Europe/Berlin',
            city: 'Berlin',
            visibility: 'public',
            codeOfConduct: 'Be kind.',
          },
          owner.Cookie,
        );
        const start = new Date(Date.now() + 10 * 86_400_000);
        start.setUTCHours(17, 0, 0, 0);
        await api(
          'POST',
          `/api/groups/${publicSlug}/events`,
          {
            kind: 'virtual_networking',
            title: 'Speed networking for trans folks in tech',
            description: 'Five-minute rounds in small breakout rooms. Cameras optional.',
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
            timezone: 'Europe/Berlin',
            joinUrl: 'https://meet.example.org/speed-networking',
            tags: ['networking', 'tech'],
            accessibility: { captionsOnRequest: true },
          },
          owner.Cookie,
        );

        const visitor = await ctx
          .browser()
          .newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
        try {
          const v = ctx.watch(await visitor.newPage());
          await v.goto(url('/networking'));
          await h1(v, 'Virtual networking').waitFor();
          const item = v
            .locator('.event-list')
            .getByRole('link', { name: 'Speed networking for trans folks in tech' });
          await item.waitFor();
          assert(!(await v.content()).includes(MEETUP.title), 'a private group’s event is listed publicly');
          await ctx.capture('public-networking', v);
          await item.click();
          await h1(v, 'Speed networking for trans folks in tech').waitFor();
          await v.getByTestId('link-hidden').waitFor();
          assert(
            !(await v.content()).includes('meet.example.org/speed-networking'),
            'join link shown to a visitor',
          );
          await v.getByRole('link', { name: 'Sign in by email' }).waitFor();
          await v.getByRole('link', { name: 'Add to my calendar (.ics)' }).waitFor();
          await ctx.capture('public-event-visitor', v);
          // Phone width: no sideways scrolling.
          await v.setViewportSize({ width: 390, height: 844 });
          const overflow = await v.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          assert(overflow <= 0, `the event page scrolls sideways by ${overflow}px`);
          await ctx.capture('public-event-mobile', v);
        } finally {
          await visitor.close();
        }
      },
    },
    {
      name: 'member pages: "Your account" downloads the member\'s data and offers deletion behind the typed address',
      fn: async () => {
        await memberPage.goto(state.memberEventUrl);
        await memberPage.getByRole('link', { name: /^Signed in as / }).click();
        await h1(memberPage, 'Your account').waitFor();
        await memberPage.getByLabel('Type your email address to confirm').waitFor();
        await memberPage.getByRole('button', { name: 'Delete my account' }).waitFor();
        const [download] = await Promise.all([
          memberPage.waitForEvent('download'),
          memberPage.getByRole('link', { name: 'Download your data (JSON)' }).click(),
        ]);
        assert(
          download.suggestedFilename() === 'hearth-account-export.json',
          `download named ${download.suggestedFilename()}`,
        );
        const path = await download.path();
        const data = JSON.parse(readFileSync(path, 'utf8')) as {
          profile: { email: string };
          rsvps: Array<{ status: string }>;
        };
        assert(data.profile.email === people.alex.email, "the export is not the member's own");
        assert(
          data.rsvps.some((r) => r.status === 'going'),
          'the export lacks the going RSVP',
        );
        assert(!JSON.stringify(data).includes('password_hash'), 'the export carries a password hash');
        await ctx.capture('member-account', memberPage);
      },
    },
    {
      name: 'the member signs out from the event page',
      always: () => member !== undefined,
      fn: async () => {
        try {
          await memberPage.goto(state.memberEventUrl);
          await memberPage.getByRole('button', { name: 'Sign out' }).click();
          await h1(memberPage, 'Events').waitFor();
          await memberPage.getByRole('link', { name: 'Sign in' }).waitFor();
        } finally {
          await member?.close();
        }
      },
    },
  ];
}
