/**
 * Reach in a real browser (issue 12): the organizer pastes 50 addresses into "Invite people" on an
 * event, sees the preview count before confirming, watches the fan-out job's progress bar reach 100%,
 * finds the 50 invitations in the dev mailbox, and the event's invitation list shows them.
 */
import { assert, assertEqual, eventually, type Check } from './harness';
import type { FlowContext } from './series-flow';

const SLUG = 'reach-circle';
const GUESTS = 50;
const guest = (i: number): string => `guest${i}@reach.example`;

interface MailSummary {
  id: string;
  to: string;
  subject: string;
}

export function reachChecks(ctx: FlowContext): Check[] {
  const url = ctx.url;
  const state = { eventId: '' };
  const owner = async (method: 'get' | 'post', path: string, data?: unknown): Promise<unknown> => {
    const res = await ctx.page().request[method](url(path), data === undefined ? {} : { data });
    assert(res.ok(), `${method.toUpperCase()} ${path} → ${res.status()}: ${await res.text()}`);
    return (await res.json()) as unknown;
  };

  return [
    {
      name: 'reach: 50 pasted addresses are previewed, invited by a background job whose bar reaches 100%',
      fn: async () => {
        await owner('post', '/api/groups', {
          slug: SLUG,
          name: 'Reach circle',
          timezone: 'Europe/London',
          visibility: 'public',
        });
        const start = new Date(Date.now() + 5 * 24 * 3600_000);
        const event = (await owner('post', `/api/groups/${SLUG}/events`, {
          kind: 'online_discussion',
          title: 'Open evening for newcomers',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3600_000).toISOString(),
          timezone: 'Europe/London',
          joinUrl: 'https://meet.example.org/open-evening',
        })) as { id: string };
        state.eventId = event.id;
        const p = ctx.page();
        await p.goto(url(`/admin/events/${event.id}`));
        // Commas, new lines and "Name <addr>" mixed, as people paste them.
        const pasted = Array.from({ length: GUESTS }, (_, i) =>
          i % 2 === 0 ? `Guest ${i} <${guest(i)}>` : guest(i),
        ).reduce((text, entry, i) => (i === 0 ? entry : `${text}${i % 3 === 0 ? ',' : '\n'}${entry}`), '');
        await p.locator('textarea[name="audience-people"]').fill(pasted);
        await p.getByText(`${GUESTS} will be invited, 0 skipped`).waitFor();
        await ctx.capture('reach-invite-preview');
        await p.getByRole('button', { name: 'Invite', exact: true }).click();
        const bar = p.getByRole('progressbar', { name: 'Sending progress' }).first();
        await bar.waitFor();
        await eventually('the progress bar reaches 100%', async () =>
          (await bar.getAttribute('aria-valuenow')) === '100' ? true : undefined,
        );
        await ctx.capture('reach-job-done');
      },
    },
    {
      name: 'reach: the 50 invitations are in the dev mailbox, one each',
      fn: async () => {
        const mails = (await owner('get', `/api/dev/mailbox?limit=200`)) as MailSummary[];
        const invited = mails.filter((m) => m.to.endsWith('@reach.example'));
        assertEqual(new Set(invited.map((m) => m.to)).size, GUESTS, 'distinct invited addresses');
        assertEqual(invited.length, GUESTS, 'invitations to the pasted addresses');
        assert(
          invited.every((m) => m.subject.includes('Open evening for newcomers')),
          'every invitation names the event',
        );
      },
    },
    {
      name: 'reach: the invitation list shows the 50 as invited, by the organizer',
      fn: async () => {
        const p = ctx.page();
        await p.goto(url(`/admin/events/${state.eventId}/invitations`));
        const tabs = p.getByRole('navigation', { name: 'Invitations by state' });
        await tabs.getByRole('link', { name: new RegExp(`Invited\\s*${GUESTS}`) }).waitFor();
        await eventually('50 rows in the invitation list', async () =>
          (await p.locator('table.invitations tbody tr').count()) >= GUESTS ? true : undefined,
        );
        const row = p.locator('tr', { has: p.getByRole('rowheader', { name: 'Guest 8', exact: true }) });
        await row.getByText('Invited', { exact: true }).waitFor();
        await ctx.capture('reach-invitation-list');
      },
    },
  ];
}
