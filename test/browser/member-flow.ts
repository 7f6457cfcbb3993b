/**
 * A member's side end to end in a real browser (issue 13), in English and in Arabic: the group
 * invitation mail → one click → the first sign-in step (/welcome) → home → RSVP to a full event (the
 * waitlist warning says so first) → promoted when the organizer frees a seat → the venue shows → home
 * says "going". Then a visitor filters /networking by city and follows the listing's calendar feed.
 * axe-core must find nothing on every member page visited; screenshots go with the others
 * (test-output/screenshots, member-*).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { assert, assertEqual, eventually, expectNoAxeViolations, type Check } from './harness';
import type { FlowContext } from './series-flow';

const SLUG = 'walk-circle';
const CITY = 'Leeds';
const VENUE = 'Baker Hall';
const ADDRESS = '12 Baker St, Flat 3B';

// In-page code only (page.evaluate): the browser's globals.
declare const document: { documentElement: { lang: string; dir: string } };

interface MailSummary {
  id: string;
  to: string;
  subject: string;
}

interface Walker {
  lang: 'en' | 'ar';
  email: string;
  name: string;
  /** The event with one seat, which the organizer holds until the member is on the waitlist. */
  eventId: string;
  title: string;
  context?: BrowserContext;
  page?: Page;
}

export function memberFlowChecks(ctx: FlowContext): Check[] {
  const url = ctx.url;
  /** As the organizer (the instance owner): the owner's browser session. */
  const owner = async <T>(method: 'get' | 'post' | 'put' | 'delete', path: string, data?: unknown) => {
    const res = await ctx.page().request[method](url(path), data === undefined ? {} : { data });
    assert(res.ok(), `${method.toUpperCase()} ${path} → ${res.status()}: ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const local = (link: string): string => {
    const u = new URL(link);
    return url(`${u.pathname}${u.search}`);
  };
  /** The first link in the newest mail to `email` matching `pattern` (quoted-printable undone). */
  const linkInMail = async (email: string, pattern: RegExp): Promise<string> => {
    const mail = await eventually(`a mail to ${email}`, async () => {
      const all = await owner<MailSummary[]>(
        'get',
        `/api/dev/mailbox?limit=200&to=${encodeURIComponent(email)}`,
      );
      return all[0];
    });
    const res = await ctx.page().request.get(url(`/api/dev/mailbox/${mail.id}/raw`));
    const raw = (await res.text()).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = raw.match(/https?:\/\/[^\s"<>]+/g)?.find((l) => pattern.test(l));
    assert(link, `no link matching ${pattern} in the mail to ${email}`);
    return local(link);
  };
  const pageOf = (w: Walker): Page => {
    assert(w.page, `${w.lang}: the member has no browser page yet`);
    return w.page;
  };
  /** Screenshot, the harness's basics, and axe-core on the member page as it is now. */
  const audit = async (p: Page, name: string): Promise<void> => {
    await ctx.capture(name, p);
    await expectNoAxeViolations(p, name);
  };
  const newMemberPage = async (lang: 'en' | 'ar'): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await ctx.browser().newContext({
      viewport: { width: 1280, height: 860 },
      locale: lang === 'ar' ? 'ar' : 'en-GB',
      timezoneId: lang === 'ar' ? 'Asia/Amman' : 'Europe/London',
    });
    context.setDefaultTimeout(10_000);
    return { context, page: ctx.watch(await context.newPage()) };
  };

  const state = { setUp: false, topicId: '' };
  const walkers: Walker[] = [
    {
      lang: 'en',
      email: 'noor@walk.example',
      name: 'Noor Haddad',
      eventId: '',
      title: 'Supper club: full table',
    },
    {
      lang: 'ar',
      email: 'salma@walk.example',
      name: 'سلمى',
      eventId: '',
      title: 'Supper club (Arabic walk)',
    },
  ];

  const setup: Check = {
    name: 'walk: the organizer sets up a public group in Leeds with a one-seat meetup (seat taken) per walker',
    fn: async () => {
      await owner('post', '/api/groups', {
        slug: SLUG,
        name: 'Walk Circle 3B',
        timezone: 'Europe/London',
        visibility: 'public',
        city: CITY,
      });
      for (const [i, w] of walkers.entries()) {
        const start = new Date(Date.now() + (6 + i) * 24 * 3600_000);
        const event = await owner<{ id: string }>('post', `/api/groups/${SLUG}/events`, {
          kind: 'in_person',
          title: w.title,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
          timezone: 'Europe/London',
          venueName: VENUE,
          venueAddress: ADDRESS,
          capacity: 1,
          // Members may see counts, so the waitlist warning may carry the position.
          attendeeVisibility: 'count',
          accessibility: { stepFreeAccess: true },
        });
        w.eventId = event.id;
        // The organizer holds the only seat, so the member can only join the waitlist.
        const mine = await owner<{ status: string }>('post', `/api/events/${event.id}/rsvps`, {
          status: 'going',
        });
        assertEqual(mine.status, 'going', 'the organizer holds the seat');
        await owner('post', `/api/groups/${SLUG}/members`, { email: w.email });
      }
      const topic = await owner<{ id: string }>('post', `/api/groups/${SLUG}/topics`, {
        title: 'Where should we meet in spring? (Flat 3B or the park)',
        body: 'Ideas welcome — مرحبا بالجميع',
      });
      state.topicId = topic.id;
      // A virtual networking session of the same group, for the visitor's /networking filter.
      const start = new Date(Date.now() + 9 * 24 * 3600_000);
      await owner('post', `/api/groups/${SLUG}/events`, {
        kind: 'virtual_networking',
        title: 'Leeds peer networking',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        timezone: 'Europe/London',
        joinUrl: 'https://meet.example.org/leeds-networking',
      });
    },
  };

  const walk = (w: Walker): Check[] => {
    const tag = w.lang === 'ar' ? 'walk (ar)' : 'walk (en)';
    const shot = (name: string): string => `member-${w.lang}-${name}`;
    return [
      {
        name: `${tag}: the invitation mail's link opens the invitation; one click joins and signs in, then /welcome asks the first-sign-in questions`,
        fn: async () => {
          const invite = await linkInMail(w.email, /\/invites\//);
          const { context, page } = await newMemberPage(w.lang);
          w.context = context;
          w.page = page;
          await page.goto(w.lang === 'ar' ? `${invite}${invite.includes('?') ? '&' : '?'}lang=ar` : invite);
          await audit(page, shot('invitation'));
          await page.locator('main form[method=post] button[type=submit]').first().click();
          await page.waitForURL(/\/welcome(\?|$)/);
          await audit(page, shot('welcome'));
        },
      },
      {
        name: `${tag}: the first-sign-in step takes a display name, language and time zone (pre-filled) and leads home`,
        fn: async () => {
          const page = pageOf(w);
          await page.locator('[name=displayName]').fill(w.name);
          const language = page.locator('[name=language]');
          if ((await language.first().evaluate((el) => el.tagName)) === 'SELECT')
            await language.selectOption(w.lang);
          else await page.locator(`[name=language][value=${w.lang}]`).check();
          const zone = page.locator('[name=timezone]');
          const zoneValue = await zone.first().inputValue();
          assert(zoneValue, 'the time zone is not pre-filled from the browser');
          await page
            .locator('main form')
            .filter({ has: page.locator('[name=displayName]') })
            .locator('[type=submit]')
            .first()
            .click();
          await page.waitForURL((u) => !u.pathname.startsWith('/welcome'));
          if (new URL(page.url()).pathname !== '/home') await page.goto(url('/home'));
          assertEqual(
            await page.evaluate(() => document.documentElement.dir),
            w.lang === 'ar' ? 'rtl' : 'ltr',
            'home dir',
          );
          await page.locator('h1').first().waitFor();
          await audit(page, shot('home'));
        },
      },
      {
        name: `${tag}: the full event warns "you will join the waitlist (position 1)" before Going; Going puts the member there`,
        fn: async () => {
          const page = pageOf(w);
          await page.goto(url(`/events/${w.eventId}`));
          const warning = page.getByTestId('waitlist-warning');
          await warning.waitFor();
          assertEqual(await warning.getAttribute('data-position'), '1', 'waitlist position announced');
          // The address is for confirmed attendees only.
          assert(!(await page.content()).includes(ADDRESS), 'the address shows before the member has a seat');
          await audit(page, shot('event-full'));
          await page.locator('button[name=status][value=going]').click();
          await page.locator('[data-testid=my-status][data-status=waitlisted]').waitFor();
          await audit(page, shot('event-waitlisted'));
        },
      },
      {
        name: `${tag}: the organizer frees the seat; the member is promoted, sees the venue (isolated in Arabic) and home says going`,
        fn: async () => {
          const page = pageOf(w);
          await owner('post', `/api/events/${w.eventId}/rsvps`, { status: 'declined' });
          await eventually('the member is promoted', async () => {
            await page.goto(url(`/events/${w.eventId}`));
            return (await page.locator('[data-testid=my-status][data-status=going]').count()) > 0;
          });
          const venue = page.getByTestId('venue');
          assert(
            (await venue.textContent())?.includes(ADDRESS),
            'the venue address is not shown after promotion',
          );
          assertEqual(
            await venue.locator('bdi', { hasText: ADDRESS }).count(),
            1,
            'the address is isolated in <bdi>',
          );
          await audit(page, shot('event-going'));
          await page.goto(url('/home'));
          const row = page.locator('main li, main tr, main article').filter({ hasText: w.title }).first();
          await row.waitFor();
          const rowText = (await row.innerHTML()).toLowerCase();
          assert(
            /data-status="going"|going|سأحضر|سيحضر|ذاهب/.test(rowText),
            `home does not say "going" for ${w.title}: ${rowText.slice(0, 300)}`,
          );
          await audit(page, shot('home-going'));
          await page.goto(url('/account'));
          await audit(page, shot('account'));
          await w.context?.close();
        },
      },
    ];
  };

  const visitor: Check[] = [
    {
      name: 'walk visitor: /networking filtered by city lists the Leeds session; its feed link gives a calendar of the same filter',
      fn: async () => {
        const { context, page } = await newMemberPage('en');
        try {
          await page.goto(url(`/networking?city=${encodeURIComponent(CITY)}`));
          await page.getByText('Leeds peer networking').first().waitFor();
          await audit(page, 'member-visitor-networking-city');
          const feed = page.getByTestId('feed-ics');
          const href = await feed.getAttribute('href');
          assert(href, 'no feed-ics link');
          assert(/city=Leeds/.test(href), `the feed does not keep the filter: ${href}`);
          const res = await page.request.get(
            new URL(href.replace(/^webcal:/, 'http:'), page.url()).toString(),
          );
          assertEqual(res.status(), 200, 'feed status');
          assert((res.headers()['content-type'] ?? '').includes('text/calendar'), 'feed content type');
          const body = await res.text();
          assert(body.startsWith('BEGIN:VCALENDAR'), 'the feed is not a calendar');
          assert(body.includes('Leeds peer networking'), 'the feed lacks the filtered session');
        } finally {
          await context.close();
        }
      },
    },
    {
      name: 'walk visitor: the member pages as they stand (listings, group, event in both languages, sign-in) pass axe-core',
      fn: async () => {
        const { context, page } = await newMemberPage('en');
        try {
          const event = walkers[0].eventId;
          for (const [name, path] of [
            ['events', '/events'],
            ['networking', '/networking'],
            ['group', `/groups/${SLUG}`],
            ['event', `/events/${event}`],
            ['event-ar', `/events/${event}?lang=ar`],
            ['topic', `/topics/${state.topicId}`],
            ['topic-ar', `/topics/${state.topicId}?lang=ar`],
            ['sign-in', '/sign-in'],
          ] as const) {
            await page.goto(url(path));
            await audit(page, `member-visitor-${name}`);
          }
          // Pages other parts of issue 13 add (the front page, the group directory), once they exist.
          for (const [name, path] of [
            ['front', '/'],
            ['groups', '/groups'],
          ] as const) {
            const res = await page.goto(url(path));
            if (res?.status() === 200 && (res.headers()['content-type'] ?? '').includes('text/html'))
              await audit(page, `member-visitor-${name}`);
            else console.log(`      (${path} is not a member page yet: ${res?.status()})`);
          }
        } finally {
          await context.close();
        }
      },
    },
  ];

  // Each walk goes on while its own steps pass, whatever happened to the other (not yet merged
  // routes fail one walk, not the whole run); the visitor's checks need only the setup.
  const chained = (steps: Check[], progress: { done: number }): Check[] =>
    steps.map((step, i) => ({
      ...step,
      always: () => state.setUp && progress.done === i,
      fn: async () => {
        await step.fn();
        progress.done = i + 1;
      },
    }));
  return [
    {
      ...setup,
      fn: async () => {
        await setup.fn();
        state.setUp = true;
      },
    },
    ...chained([visitor[1]], { done: 0 }),
    ...chained(walk(walkers[0]), { done: 0 }),
    ...chained(walk(walkers[1]), { done: 0 }),
    ...chained([visitor[0]], { done: 0 }),
  ];
}
