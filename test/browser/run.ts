/**
 * Real-browser tests of the admin app: boots Hearth in-process (startTestApp, fresh database, dev
 * mailbox), drives Debian's Chromium through playwright-core, and checks what a person would see.
 * Also audits every request the browser makes (nothing may leave 127.0.0.1/localhost), the CSP,
 * basic accessibility on each screen, and the initial JS budget. Screenshots: test-output/screenshots.
 *
 *   npm run build:admin && npm run test:browser
 *
 * The last line is "N passed, N failed"; the exit code is non-zero on any failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { startTestApp, type TestApp } from '../support/app';
import {
  Screenshots,
  accessibilityProblems,
  assert,
  assertEqual,
  eventually,
  initialJsBudget,
  runChecks,
  type Check,
} from './harness';
import type { DomDocument, DomElement, DomStyle } from './dom';
import { seriesFlowChecks, type FlowContext } from './series-flow';
import { timeRuleChecks } from './time-rules-flow';
import { networkingChecks } from './networking-flow';
import { reachChecks } from './reach-flow';
import { memberFlowChecks } from './member-flow';

// In-page code only (page.evaluate): the browser's globals.
declare const document: DomDocument;
declare function getComputedStyle(element: DomElement): DomStyle;

const ROOT = resolve(__dirname, '../..');
const ADMIN_DIST = join(ROOT, 'dist/admin');
const SCREENSHOT_DIR = join(ROOT, 'test-output/screenshots');
const CHROMIUM = '/usr/bin/chromium';
const BUDGET_BYTES = 250 * 1024;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const OWNER_EMAIL = 'owner@hearth.test';
const OWNER_PASSWORD = 'purple kettle on the moor';
const GROUP = {
  name: 'Queer Coffee Leeds',
  slug: 'queer-coffee-leeds',
  renamed: 'Queer Coffee Leeds & Bradford',
};
const INVITEE = 'river@example.org';
const NEWCOMER = 'newcomer@example.org';

function preflight(): void {
  const problems: string[] = [];
  if (!existsSync(join(ADMIN_DIST, 'index.html'))) {
    problems.push(
      `The admin app is not built (no ${join('dist/admin', 'index.html')}). Run \`npm run build:admin\` first.`,
    );
  }
  if (!existsSync(CHROMIUM))
    problems.push(`No browser at ${CHROMIUM}. Install it with \`apt-get install -y chromium\`.`);
  if (problems.length) {
    for (const p of problems) console.error(p);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

async function main(): Promise<number> {
  preflight();
  const started = Date.now();
  const budget = initialJsBudget(ADMIN_DIST);
  const shots = new Screenshots(SCREENSHOT_DIR);

  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page!: Page;
  const requests: string[] = [];
  const consoleProblems: string[] = [];
  const a11yProblems: string[] = [];

  /** Records every request and every console error or page error of a page. */
  const watch = (p: Page): Page => {
    p.on('request', (r) => requests.push(r.url()));
    p.on('console', (m) => {
      // Expected 4xx answers (signed-out /api/me, wrong password, taken slug) log "Failed to load resource".
      if (
        m.type() === 'error' &&
        !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
      ) {
        consoleProblems.push(m.text());
      }
    });
    p.on('pageerror', (e) => consoleProblems.push(`page error: ${e.message}`));
    return p;
  };
  /** Screenshot plus the accessibility audit of that screen. */
  const capture = async (name: string, on: Page = page): Promise<void> => {
    await on.evaluate(() => document.fonts.ready);
    await shots.take(on, name);
    for (const p of await accessibilityProblems(on)) a11yProblems.push(`${name}: ${p}`);
  };
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const status = () => page.locator('[role=status]');
  const alert = () => page.locator('[role=alert]');
  const url = (path: string): string => `${t?.url ?? ''}${path}`;
  const browserRan = (): boolean => requests.length > 0;

  const flow: FlowContext = {
    app: () => {
      assert(t, 'Hearth is not running');
      return t;
    },
    browser: () => {
      assert(browser, 'no browser');
      return browser;
    },
    page: () => page,
    url,
    capture,
    watch,
    group: { slug: GROUP.slug, name: GROUP.renamed },
  };
  const checks: Check[] = [
    {
      name: `initial JS is under 250 KB gzipped (${(budget.total / 1024).toFixed(1)} KB)`,
      always: true,
      fn: () => {
        for (const f of budget.files)
          console.log(`      ${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzipped`);
        assert(budget.files.length > 0, 'index.html loads no script');
        assert(
          budget.total < BUDGET_BYTES,
          `initial JS is ${budget.total} bytes gzipped, over ${BUDGET_BYTES}`,
        );
      },
    },
    {
      name: 'Hearth starts in-process with the dev mailbox, and Chromium launches',
      fn: async () => {
        await globalSetup();
        t = await startTestApp({ SMTP_URL: '' });
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        });
        context = await browser.newContext({
          viewport: { width: 1280, height: 860 },
          locale: 'en-GB',
          timezoneId: 'Europe/London',
        });
        context.setDefaultTimeout(10_000);
        page = watch(await context.newPage());
      },
    },
    {
      name: 'the api serves the app at /admin with a CSP, falls back to index.html for client routes, 404s missing assets',
      fn: async () => {
        const bare = await fetch(url('/admin'), { redirect: 'manual' });
        assertEqual(bare.status, 301, 'GET /admin status');
        assertEqual(bare.headers.get('location'), '/admin/', 'GET /admin redirect');
        const index = await fetch(url('/admin/'));
        assertEqual(index.status, 200, 'GET /admin/ status');
        const html = await index.text();
        assert(html.includes('<div id="root"></div>'), 'index.html body');
        const csp = index.headers.get('content-security-policy') ?? '';
        assert(/default-src 'self'/.test(csp), `CSP missing default-src 'self': ${csp}`);
        assert(!/script-src[^;]*unsafe-inline/.test(csp), 'CSP allows inline scripts');
        assert(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'index.html has an inline script');
        assertEqual(index.headers.get('cache-control'), 'no-cache', 'index.html Cache-Control');
        const deep = await fetch(url('/admin/groups/anything/members?x=1'));
        assertEqual(deep.status, 200, 'client route status');
        assertEqual(await deep.text(), html, 'client route body');
        const asset = await fetch(url(`/admin/${budget.files[0].file}`));
        assertEqual(asset.status, 200, 'asset status');
        assert((asset.headers.get('content-type') ?? '').includes('javascript'), 'asset content type');
        assert((asset.headers.get('cache-control') ?? '').includes('immutable'), 'asset Cache-Control');
        assertEqual((await fetch(url('/admin/assets/missing-0000.js'))).status, 404, 'missing asset status');
        const escape = await fetch(url('/admin/assets/..%2f..%2f..%2fpackage.json'));
        assert(escape.status >= 400, `path traversal answered ${escape.status}`);
      },
    },
    {
      name: 'the owner signs in with the first-start link (the /auth/magic button), takes the first step, and opens the dashboard from home',
      fn: async () => {
        const link = new URL(t?.server.ownerSignIn?.link ?? '');
        assert(link.searchParams.get('token'), 'no first-start link');
        // Emails point at PUBLIC_BASE_URL (http://hearth.test); open the same path on this server.
        await page.goto(url(`${link.pathname}${link.search}`));
        await shots.take(page, 'first-start-link');
        await page.getByRole('button', { name: 'Sign in' }).click();
        // The first sign-in step (name, language, zone from the browser), then home.
        await page.waitForURL(url('/welcome?next=%2Fhome'));
        await h1('Welcome to Hearth').waitFor();
        assertEqual(
          await page.locator('select[name=timezone]').inputValue(),
          'Europe/London',
          'zone from the browser',
        );
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL(url('/home'));
        await page.getByRole('link', { name: 'Open the organizer app' }).click();
        await page.waitForURL(url('/admin/'));
        await h1('Dashboard').waitFor();
        await page.getByText('Welcome, Owner.').waitFor();
        await page.getByText('You are not in any group yet').waitFor();
        await page.getByRole('heading', { name: 'Upcoming events' }).waitFor();
        await capture('dashboard-empty');
      },
    },
    {
      name: 'keyboard: the skip link comes first, shows a focus ring, and moves focus to the main content',
      fn: async () => {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el) return null;
          const style = getComputedStyle(el);
          return {
            text: el.textContent,
            top: el.getBoundingClientRect().top,
            outline: style.outlineStyle,
            width: style.outlineWidth,
          };
        });
        assert(focused, 'nothing has focus after Tab');
        assertEqual(focused.text, 'Skip to main content', 'first Tab stop');
        assert(focused.top >= 0, 'skip link stays off-screen when focused');
        assert(
          focused.outline !== 'none' && focused.width !== '0px',
          `no visible focus ring (${focused.outline} ${focused.width})`,
        );
        await capture('focus-skip-link');
        await page.keyboard.press('Enter');
        assertEqual(
          await page.evaluate(() => document.activeElement?.id),
          'main',
          'focus after the skip link',
        );
      },
    },
    {
      name: 'the owner sets a password on the profile screen',
      fn: async () => {
        await page.getByRole('link', { name: 'Profile' }).click();
        await h1('Profile').waitFor();
        assertEqual(
          await page.evaluate(() => document.activeElement?.tagName),
          'H1',
          'focus after navigation',
        );
        await page.getByLabel('New password').fill(OWNER_PASSWORD);
        await page.getByRole('button', { name: 'Set password' }).click();
        await status().filter({ hasText: 'Your password is set.' }).waitFor();
        await capture('profile');
      },
    },
    {
      name: 'the owner signs out, sees the API error for a wrong password next to the form, then signs in with the password',
      fn: async () => {
        await page.getByRole('button', { name: 'Sign out' }).click();
        await h1('Sign in to Hearth').waitFor();
        await capture('sign-in');
        await page.locator('input[name=email]').fill(OWNER_EMAIL);
        await page.locator('input[name=password]').fill('not the password');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        const error = alert().filter({ hasText: 'Email or password is incorrect' });
        await error.waitFor();
        assert((await error.textContent())?.includes('INVALID_CREDENTIALS'), 'error code shown');
        await capture('sign-in-error');
        await page.locator('input[name=password]').fill(OWNER_PASSWORD);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await h1('Dashboard').waitFor();
        // The session survives a reload (HttpOnly cookie, fetched with /api/me).
        await page.reload();
        await h1('Dashboard').waitFor();
      },
    },
    {
      name: 'signed out, the sign-in page switches to Arabic (RTL) and "email me a sign-in link" confirms without revealing the address',
      fn: async () => {
        // A second browser profile: a visitor who is not signed in.
        const visitor = await browser?.newContext({
          viewport: { width: 1280, height: 860 },
          locale: 'en-GB',
        });
        assert(visitor, 'no browser');
        try {
          const anonymous = watch(await visitor.newPage());
          await anonymous.goto(url('/admin/mail'));
          await anonymous.getByRole('heading', { level: 1, name: 'Sign in to Hearth' }).waitFor();
          await anonymous.getByRole('button', { name: 'العربية' }).click();
          await anonymous.getByRole('heading', { level: 1, name: 'تسجيل الدخول إلى Hearth' }).waitFor();
          assertEqual(
            await anonymous.evaluate(() => document.documentElement.dir),
            'rtl',
            'sign-in page dir',
          );
          // An address with no account: the answer is the same, and the email follows the page's language.
          await anonymous.locator('input[name=link-email]').fill(NEWCOMER);
          await anonymous.getByRole('button', { name: 'أرسل لي رابط تسجيل الدخول' }).click();
          await anonymous.locator('[role=status]').filter({ hasText: 'الرابط في طريقه إليك' }).waitFor();
          await capture('sign-in-rtl-link-sent', anonymous);
          // The choice is remembered on this device.
          await anonymous.reload();
          await anonymous.getByRole('heading', { level: 1, name: 'تسجيل الدخول إلى Hearth' }).waitFor();
        } finally {
          await visitor.close();
        }
      },
    },
    {
      name: 'the owner creates a group (slug suggested from the name, IANA time zone picker)',
      fn: async () => {
        await page.getByRole('link', { name: 'New group' }).click();
        await h1('New group').waitFor();
        await page.getByLabel('Name', { exact: true }).fill(GROUP.name);
        assertEqual(await page.getByLabel('Web address').inputValue(), GROUP.slug, 'suggested slug');
        const zones = await page.locator('select[name=timezone] option').count();
        assert(zones > 300, `only ${zones} time zones offered`);
        await page.getByLabel('Time zone').selectOption('Europe/London');
        await page.getByLabel('City').fill('Leeds');
        await page.getByLabel('Description').fill('A relaxed monthly coffee for LGBTQ+ people in Leeds.');
        await page.getByRole('radio', { name: /Private/ }).check();
        await capture('group-new');
        await page.getByRole('button', { name: 'Create group' }).click();
        await page.waitForURL(url(`/admin/groups/${GROUP.slug}`));
        await h1(GROUP.name).waitFor();
        await page.getByText('Your role: Owner').waitFor();
        await capture('group-settings');
      },
    },
    {
      name: 'creating a group with a taken address shows GROUP_SLUG_TAKEN next to the form',
      fn: async () => {
        await page.getByRole('link', { name: 'Dashboard' }).click();
        await page.getByRole('link', { name: GROUP.name }).waitFor();
        await page.getByRole('link', { name: 'New group' }).click();
        await page.getByLabel('Name', { exact: true }).fill(GROUP.name);
        await page.getByRole('button', { name: 'Create group' }).click();
        const error = alert().filter({ hasText: 'GROUP_SLUG_TAKEN' });
        await error.waitFor();
        await capture('group-new-error');
      },
    },
    {
      name: 'the owner edits the group and the change persists',
      fn: async () => {
        await page.goto(url(`/admin/groups/${GROUP.slug}`));
        await h1(GROUP.name).waitFor();
        await page.getByLabel('Name', { exact: true }).fill(GROUP.renamed);
        await page.getByLabel('Time zone').selectOption('Europe/Dublin');
        await page.getByLabel('Code of conduct').fill('Be kind. What is shared here stays here.');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await status().filter({ hasText: 'The group is saved.' }).waitFor();
        await h1(GROUP.renamed).waitFor();
        await page.reload();
        await h1(GROUP.renamed).waitFor();
        assertEqual(await page.getByLabel('Time zone').inputValue(), 'Europe/Dublin', 'saved time zone');
        assertEqual(
          await page.getByLabel('Code of conduct').inputValue(),
          'Be kind. What is shared here stays here.',
          'saved code of conduct',
        );
      },
    },
    {
      name: 'members: invite by email, approve a pending request, change a role, ban and unban, refuse removing the last owner',
      fn: async () => {
        // Someone asks to join the private group (through the API, as they would from the public page).
        const sam = await t?.sessionFor('sam@example.org', 'Sam');
        assert(sam, 'no session');
        const joined = await fetch(url(`/api/groups/${GROUP.slug}/join`), {
          method: 'POST',
          headers: { Cookie: sam.cookie },
        });
        assertEqual(((await joined.json()) as { status: string }).status, 'pending', 'join status');

        await page.getByRole('link', { name: 'Members' }).click();
        await page.waitForURL(url(`/admin/groups/${GROUP.slug}/members`));
        await page.getByLabel('Email address').fill(INVITEE);
        await page.getByRole('button', { name: 'Send invitation' }).click();
        await status()
          .filter({ hasText: `Invitation sent to ${INVITEE}.` })
          .waitFor();

        const row = page.locator('tr', { has: page.getByRole('rowheader', { name: 'Sam' }) });
        await row.getByText('Waiting for approval').waitFor();
        await capture('members');
        await row.getByRole('button', { name: 'Approve Sam' }).click();
        await status().filter({ hasText: 'Sam: saved.' }).waitFor();
        await row.getByText('Active').waitFor();
        await row.getByLabel('Role of Sam').selectOption('moderator');
        await eventually(
          'Sam to be a moderator',
          async () =>
            (await row.getByLabel('Role of Sam').inputValue()) === 'moderator' &&
            !(await row.getAttribute('aria-busy')),
        );
        await row.getByRole('button', { name: 'Ban Sam' }).click();
        await row.getByText('Banned').waitFor();
        await row.getByRole('button', { name: 'Unban Sam' }).click();
        await row.getByText('Active').waitFor();

        const me = page.locator('tr', { has: page.getByRole('rowheader', { name: /Owner/ }) });
        await me.getByRole('combobox').selectOption('member');
        await alert().filter({ hasText: 'A group needs at least one owner' }).waitFor();
        assertEqual(await me.getByRole('combobox').inputValue(), 'owner', 'owner role after refusal');
        await capture('members-after-changes');
      },
    },
    {
      name: 'mail: the outbox shows sent messages and filters by status',
      fn: async () => {
        await page.getByRole('link', { name: 'Mail' }).click();
        await h1('Mail').waitFor();
        await eventually('the invitation to be sent', async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return (await page.locator('tr[data-status=sent]', { hasText: 'group_invite' }).count()) > 0;
        });
        await page.locator('tr[data-status=sent]', { hasText: 'magic_link' }).first().waitFor();
        await capture('mail-outbox');
        await page.getByLabel('Show').selectOption('failed');
        await page.waitForURL(url('/admin/mail?status=failed'));
        await page.getByText('No messages.').waitFor();
      },
    },
    {
      name: 'mail: the dev mailbox lists the invitation; the message shows headers, text body and an .eml download',
      fn: async () => {
        await page.getByRole('link', { name: 'Dev mailbox' }).click();
        await h1('Mail').waitFor();
        const subject = `You're invited to join ${GROUP.renamed} on Hearth`;
        const row = page.locator('tr', { hasText: INVITEE });
        await row.getByRole('link', { name: subject }).waitFor();
        // Each message says what it is (and, for event mail, which event).
        await row.getByText('group_invite', { exact: true }).waitFor();
        await page
          .locator('tr', { hasText: NEWCOMER })
          .getByRole('link', { name: 'رابط تسجيل الدخول إلى Hearth' })
          .waitFor();
        await capture('mail-mailbox');
        await row.getByRole('link', { name: subject }).click();
        await h1(subject).waitFor();
        const headers = page.locator('dl.headers');
        await headers.getByText(INVITEE).waitFor();
        await headers.getByText(/multipart\/alternative/).waitFor();
        const text = await page.locator('pre.message-text').textContent();
        assert(text?.includes(`invited you to join ${GROUP.renamed}`), `text body: ${text}`);
        assert(/https?:\/\/\S+\/invites\/\S+/.test(text ?? ''), 'invitation link in the text body');
        const download = page.getByRole('link', { name: 'Download the message (.eml)' });
        const href = await download.getAttribute('href');
        assert(href && /^\/api\/dev\/mailbox\/[0-9a-f-]{36}\/raw$/.test(href), `download href ${href}`);
        assert((await download.getAttribute('download'))?.endsWith('.eml'), 'download attribute');
        const raw = await page.request.get(url(href));
        assertEqual(raw.status(), 200, '.eml status');
        assert(raw.headers()['content-type']?.startsWith('message/rfc822'), '.eml content type');
        assert((await raw.text()).includes(`To: ${INVITEE}`), '.eml content');
        await capture('mail-message');
        // The Arabic sign-in link: its RFC 2047-encoded subject is decoded for display.
        await page.getByRole('link', { name: 'Back to the mailbox' }).click();
        await page.getByRole('link', { name: 'رابط تسجيل الدخول إلى Hearth' }).click();
        await h1('رابط تسجيل الدخول إلى Hearth').waitFor();
        assert(
          (await page.locator('pre.message-text').textContent())?.includes('/auth/magic?token='),
          'sign-in link in the Arabic message',
        );
      },
    },
    ...seriesFlowChecks(flow),
    ...timeRuleChecks(flow),
    ...networkingChecks(flow),
    ...reachChecks(flow),
    {
      name: 'small screens: the dashboard and members table fit a phone width',
      fn: async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(url(`/admin/groups/${GROUP.slug}/members`));
        await h1(GROUP.renamed).waitFor();
        await page.locator('tr', { hasText: 'Sam' }).waitFor();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert(overflow <= 0, `page scrolls sideways by ${overflow}px`);
        await capture('members-mobile');
        await page.setViewportSize({ width: 1280, height: 860 });
      },
    },
    {
      name: 'switching the profile language to Arabic turns the app right-to-left',
      fn: async () => {
        await page.getByRole('link', { name: 'Profile' }).click();
        await h1('Profile').waitFor();
        await page.getByLabel('Pronouns').fill('they/them');
        await page.getByLabel('Language').selectOption('ar');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await h1('الملف الشخصي').waitFor();
        assertEqual(await page.evaluate(() => document.documentElement.dir), 'rtl', 'html dir');
        assertEqual(await page.evaluate(() => document.documentElement.lang), 'ar', 'html lang');
        await status().filter({ hasText: 'حُفظ ملفك الشخصي.' }).waitFor();
        await capture('profile-rtl');
        await page.getByRole('link', { name: 'لوحة التحكم' }).click();
        await h1('لوحة التحكم').waitFor();
        // In RTL the brand sits at the right edge of the header.
        const brand = await page.locator('.brand').boundingBox();
        assert(brand && brand.x > 640, `brand not on the right in RTL (x=${brand?.x})`);
        await page.getByText('الفعاليات القادمة').waitFor();
        await page.locator('table.upcoming tbody tr').first().waitFor();
        await capture('dashboard-rtl');
        // The group's events and the series form, right-to-left.
        await page.goto(url(`/admin/groups/${GROUP.slug}/events`));
        await page.locator('.item-list li').first().waitFor();
        await capture('group-events-rtl');
        await page.goto(url(`/admin/groups/${GROUP.slug}/topics`));
        await page.locator('.item-list a.item-title').first().click();
        await page.getByRole('link', { name: 'جدولة سلسلة' }).click();
        await h1('جدولة سلسلة').waitFor();
        await page.locator('.plan-step').nth(2).waitFor();
        await capture('series-plan-rtl');
        // Still Arabic after a reload: it is the profile's setting, not page state.
        await page.goto(url(`/admin/groups/${GROUP.slug}/members`));
        await h1(GROUP.renamed).waitFor();
        assertEqual(await page.evaluate(() => document.documentElement.dir), 'rtl', 'html dir after reload');
        await page.getByRole('button', { name: 'إرسال الدعوة' }).waitFor();
        await capture('members-rtl');
      },
    },
    // Last before the audits: its walks carry on past each other's failures (see member-flow.ts).
    ...memberFlowChecks(flow),
    {
      name: 'every screen passed the accessibility basics (labels, one h1, landmarks, lang/dir)',
      // Audits of what the browser did: run whenever it ran at all.
      always: browserRan,
      fn: () => {
        assert(shots.taken.length > 0, 'no screen was checked');
        assert(a11yProblems.length === 0, `accessibility problems:\n${a11yProblems.join('\n')}`);
      },
    },
    {
      name: 'no console errors, CSP violations or page errors',
      // Audits of what the browser did: run whenever it ran at all.
      always: browserRan,
      fn: () => {
        assert(consoleProblems.length === 0, `browser reported:\n${consoleProblems.join('\n')}`);
      },
    },
    {
      name: 'no request left localhost/127.0.0.1',
      // Audits of what the browser did: run whenever it ran at all.
      always: browserRan,
      fn: () => {
        assert(requests.length > 0, 'no request was recorded');
        const elsewhere = requests.filter((r) => {
          const u = new URL(r);
          if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
          return !LOCAL_HOSTS.has(u.hostname) && !LOCAL_HOSTS.has(`[${u.hostname}]`);
        });
        const hosts = [...new Set(requests.map((r) => new URL(r).host))];
        console.log(`      ${requests.length} requests, hosts: ${hosts.join(', ')}`);
        assert(elsewhere.length === 0, `requests left the machine:\n${elsewhere.join('\n')}`);
      },
    },
  ];

  // BROWSER_ONLY=member (a prefix of check names) runs the start, the owner's sign-in, those checks
  // and the audits: for working on one flow. The full run is the default.
  const only = process.env.BROWSER_ONLY;
  if (only) {
    const keep = (c: Check, i: number): boolean =>
      i < 4 || c.name.startsWith(`${only}`) || c.always === browserRan || c.always === true;
    checks.splice(0, checks.length, ...checks.filter(keep));
  }

  let outcome;
  try {
    console.log('Hearth admin: browser tests');
    outcome = await runChecks(checks, async (check, index) => {
      // What the browser said so far often explains the failure (a 5xx, a page error).
      for (const problem of consoleProblems) console.log(`      browser: ${problem}`);
      if (page && !page.isClosed()) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOT_DIR, `FAILED-${index}.png`), fullPage: true });
        console.log(
          `      screenshot of the failure: ${join('test-output/screenshots', `FAILED-${index}.png`)} (${check.name})`,
        );
      }
    });
  } finally {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await t?.close().catch((e: Error) => console.error(`closing Hearth: ${e.message}`));
    await globalTeardown().catch((e: Error) => console.error(`stopping PostgreSQL: ${e.message}`));
  }
  console.log(`screenshots: ${shots.taken.length} in ${SCREENSHOT_DIR}`);
  console.log(`initial JS: ${(budget.total / 1024).toFixed(1)} KB gzipped (budget 250 KB)`);
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (outcome.skipped) console.log(`${outcome.skipped} skipped after a failure`);
  console.log(`${outcome.passed} passed, ${outcome.failed} failed`);
  return outcome.failed > 0 || outcome.skipped > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
