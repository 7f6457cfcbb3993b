/**
 * Networking rounds in a real browser (issue 15): three members in separate browser contexts each
 * see only the people in their own room; the organizer advances the rounds from the admin app and
 * every live page follows by itself (Server-Sent Events); after the rounds two of them say "stay in
 * touch" on the member page and the mutual mail arrives in the dev mailbox for both.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { assert, eventually, type Check } from './harness';
import type { FlowContext } from './series-flow';

interface Member {
  email: string;
  name: string;
  id: string;
  cookie: string;
  page?: Page;
}

const SLUG = 'networking-circle';

export function networkingChecks(ctx: FlowContext): Check[] {
  const url = ctx.url;
  const members: Member[] = ['Ari', 'Bea', 'Cas', 'Dee'].map((name) => ({
    email: `${name.toLowerCase()}@networking.example`,
    name,
    id: '',
    cookie: '',
  }));
  const contexts: BrowserContext[] = [];
  const state = { eventId: '' };

  const api = async (method: string, path: string, body?: unknown, cookie?: string): Promise<unknown> => {
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
    return text && res.headers.get('content-type')?.includes('json')
      ? (JSON.parse(text) as unknown)
      : undefined;
  };
  const owner = async (method: 'get' | 'post' | 'put', path: string, data?: unknown): Promise<unknown> => {
    const res = await ctx.page().request[method](url(path), data === undefined ? {} : { data });
    assert(res.ok(), `${method.toUpperCase()} ${path} → ${res.status()}: ${await res.text()}`);
    return res.status() === 204 ? undefined : ((await res.json()) as unknown);
  };
  /** The ids of the people a member's live page shows in their room. */
  // The live pages render each pushed room in place; a read while the room is being replaced is retried.
  const roomOf = async (p: Page): Promise<string[]> =>
    p
      .locator('#room [data-person]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-person') ?? ''))
      .catch(() => []);
  const contentOf = (p: Page): Promise<string> => p.content().catch(() => '');
  const livePath = (): string => `/events/${state.eventId}/networking`;
  /** A member's own browser context, signed in with their session cookie. */
  const pageFor = async (m: Member): Promise<Page> => {
    const context = await ctx
      .browser()
      .newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-GB' });
    contexts.push(context);
    const origin = new URL(url('/')).origin;
    await context.addCookies([{ name: 'hearth_session', value: m.cookie.split('=')[1], url: origin }]);
    return ctx.watch(await context.newPage());
  };

  return [
    {
      name: 'networking: four going members join the rounds; three of them in their own browser',
      fn: async () => {
        await owner('post', '/api/groups', {
          slug: SLUG,
          name: 'Networking circle',
          timezone: 'Europe/London',
          visibility: 'public',
          codeOfConduct: 'Be kind.',
        });
        const start = new Date(Date.now() + 2 * 3600_000);
        const event = (await owner('post', `/api/groups/${SLUG}/events`, {
          kind: 'virtual_networking',
          title: 'Speed-friending evening',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3600_000).toISOString(),
          timezone: 'Europe/London',
          joinUrl: 'https://meet.example.org/lobby',
        })) as { id: string };
        state.eventId = event.id;
        for (const m of members) {
          const session = await ctx.app().sessionFor(m.email, m.name);
          m.id = session.userId;
          m.cookie = session.cookie;
          await api('POST', `/api/groups/${SLUG}/join`, undefined, m.cookie);
          await api('POST', `/api/events/${event.id}/rsvps`, { status: 'going' }, m.cookie);
        }
        await ctx.page().goto(url(`/admin/events/${event.id}/networking`));
        await ctx.page().getByLabel('Rounds', { exact: true }).fill('2');
        await ctx.page().getByLabel('Minutes per round', { exact: true }).fill('15');
        await ctx.page().getByRole('button', { name: 'Save plan' }).click();
        await ctx.page().getByText('Plan saved.').waitFor();
        await ctx.capture('networking-admin-settings');
        for (const m of members.slice(0, 3)) {
          m.page = await pageFor(m);
          await m.page.goto(url(livePath()));
          await m.page.getByRole('button', { name: 'Join the rounds' }).click();
          await m.page.getByRole('button', { name: 'I’m here' }).click();
          await m.page.getByRole('button', { name: 'Leave my room' }).waitFor();
        }
        await api(
          'PUT',
          `/api/events/${event.id}/networking/participation`,
          { showAs: 'display_name' },
          members[3].cookie,
        );
        await api('POST', `/api/events/${event.id}/networking/presence`, undefined, members[3].cookie);
      },
    },
    {
      name: 'networking: the organizer starts the rounds; each member sees only their own room, and the next round arrives by itself',
      fn: async () => {
        await ctx.page().getByRole('button', { name: 'Start / resume' }).click();
        const seen = new Map<string, string[]>();
        for (const m of members.slice(0, 3)) {
          const p = m.page as Page;
          await eventually(`${m.name}'s room (round 1)`, async () => (await roomOf(p)).length === 1, 10_000);
          seen.set(m.id, await roomOf(p));
          // Nobody outside the room appears anywhere on the page: neither their id nor, in the room, their name.
          const text = await contentOf(p);
          const room = await p.locator('#room').innerText();
          for (const other of members)
            if (other !== m && !seen.get(m.id)?.includes(other.id)) {
              assert(!text.includes(other.id), `${m.name}'s page carries ${other.name}'s id`);
              assert(!room.includes(other.name), `${m.name} sees ${other.name}, who is not in their room`);
            }
        }
        await ctx.capture('networking-live-round-1', members[0].page);
        await ctx.page().getByRole('button', { name: 'Next round now' }).click();
        for (const m of members.slice(0, 3)) {
          const p = m.page as Page;
          await eventually(
            `${m.name}'s page shows round 2 without a reload`,
            async () => (await contentOf(p)).includes('Round 2 of 2'),
            10_000,
          );
          const now = await roomOf(p);
          assert(now.length === 1 && now[0] !== seen.get(m.id)?.[0], `${m.name} met the same person twice`);
        }
      },
    },
    {
      name: 'networking: after the rounds two members say "stay in touch" and the mutual mail reaches both',
      fn: async () => {
        await ctx.page().getByRole('button', { name: 'End rounds' }).click();
        const [a] = members;
        const pa = a.page as Page;
        await pa.goto(url(`${livePath()}/after`));
        const partnerName = (await pa.locator('li.card h2').first().textContent()) ?? '';
        const b = members.find((m) => m.name === partnerName.trim());
        assert(b, `no member named ${partnerName}`);
        await pa.getByLabel('How they can reach you').first().fill('ari@signal.example');
        await pa.getByRole('button', { name: 'I’d like to stay in touch' }).first().click();
        await pa.getByText('They will only hear about it if they say yes too').waitFor();
        const pb: Page = b.page ?? (await pageFor(b));
        await pb.goto(url(`${livePath()}/after`));
        const card = pb.locator('li.card', { has: pb.getByRole('heading', { name: a.name }) });
        await card.getByLabel('How they can reach you').fill('bea@example.org');
        await card.getByRole('button', { name: 'I’d like to stay in touch' }).click();
        await pb.getByText('You both said yes').waitFor();
        for (const who of [a, b]) {
          const mails = await eventually(
            `the stay-in-touch mail to ${who.name}`,
            async () => {
              const list = (await owner(
                'get',
                `/api/dev/mailbox?limit=50&to=${encodeURIComponent(who.email)}`,
              )) as Array<{ subject: string }>;
              return list.filter((m) => m.subject.includes('Stay in touch'));
            },
            15_000,
          ).then((l) => (l.length > 0 ? l : undefined));
          assert(mails?.length === 1, `${who.name} got ${mails?.length ?? 0} stay-in-touch mails`);
        }
        for (const c of contexts) await c.close();
      },
    },
  ];
}
