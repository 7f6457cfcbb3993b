/**
 * The event form's time rules in a real browser: each problem the API would refuse (a start in the
 * past, an end before the start, more than 14 days, a wall time the clocks skip or pass twice, a
 * move into the past) shows beside its field before anything is sent; and what only the server
 * knows (whether invitations went out) comes back beside the field too.
 */
import type { Page, Request } from 'playwright-core';
import { assert, assertEqual, eventually, type Check } from './harness';
import type { FlowContext } from './series-flow';

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

/** The last Sunday of a month of next year (when Europe changes its clocks in March and October). */
function lastSunday(month: number): string {
  for (let day = 31; ; day--) {
    const d = new Date(Date.UTC(NEXT_YEAR, month - 1, day));
    if (d.getUTCMonth() === month - 1 && d.getUTCDay() === 0)
      return `${NEXT_YEAR}-${String(month).padStart(2, '0')}-${day}`;
  }
}

const dayInWords = (date: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

/** The problems shown under the field that holds the named control ('' when none). */
async function besides(p: Page, control: string): Promise<string> {
  const field = p.locator('.field', { has: p.locator(`[name="${control}"]`) });
  const problems = field.locator('.field-problems');
  return (await problems.count()) > 0 ? ((await problems.textContent()) ?? '') : '';
}

async function waitBeside(p: Page, control: string, text: string): Promise<void> {
  await eventually(
    `"${text}" beside ${control}`,
    async () => (await besides(p, control)).includes(text),
    5_000,
  );
}

export function timeRuleChecks(ctx: FlowContext): Check[] {
  const state = { eventId: '' };
  return [
    {
      name: 'the new-event form shows each time problem beside its field before anything is sent',
      fn: async () => {
        const p = ctx.page();
        const posted: string[] = [];
        const onRequest = (r: Request): void => {
          if (r.method() === 'POST' && r.url().endsWith(`/api/groups/${ctx.group.slug}/events`))
            posted.push(r.url());
        };
        p.on('request', onRequest);
        try {
          await p.goto(ctx.url(`/admin/groups/${ctx.group.slug}/events`));
          await p.getByText('New single event').click();
          await p.locator('select[name=timezone]').first().selectOption('Europe/Berlin');

          await p.locator('input[name=new-title]').fill('Time rules');
          await p.locator('input[name=new-date]').fill('2020-03-03');
          await waitBeside(p, 'new-start', 'This start is in the past');
          assertEqual(
            await p.locator('input[name=new-end-date]').inputValue(),
            '2020-03-03',
            'end date follows',
          );
          await p.getByRole('button', { name: 'Create event' }).click();
          await waitBeside(p, 'new-start', 'This start is in the past');

          // 20:00 to 19:00 the same day is refused, not read as a 23-hour event.
          await p.locator('input[name=new-date]').fill(`${NEXT_YEAR}-06-10`);
          await p.locator('input[name=new-start]').fill('20:00');
          await p.locator('input[name=new-end]').fill('19:00');
          await waitBeside(p, 'new-end', 'The end is not after the start');
          assertEqual(await besides(p, 'new-start'), '', 'nothing beside the start');
          await ctx.capture('event-form-end-before-start');

          await p.locator('input[name=new-end-date]').fill(`${NEXT_YEAR}-06-30`);
          await waitBeside(p, 'new-end', 'An event lasts at most 14 days');
          await p.getByLabel('Yes, this event lasts more than 14 days').check();
          await eventually('the long-event problem to go', async () => (await besides(p, 'new-end')) === '');
          await p.getByLabel('Yes, this event lasts more than 14 days').uncheck();

          const spring = lastSunday(3);
          await p.locator('input[name=new-date]').fill(spring);
          await p.locator('input[name=new-end-date]').fill(spring);
          await p.locator('input[name=new-start]').fill('02:30');
          await p.locator('input[name=new-end]').fill('04:00');
          await waitBeside(
            p,
            'new-start',
            `02:30 does not exist in Europe/Berlin on ${dayInWords(spring)}: clocks go from 02:00 to 03:00.`,
          );
          await ctx.capture('event-form-dst-gap');

          const autumn = lastSunday(10);
          await p.locator('input[name=new-date]').fill(autumn);
          await p.locator('input[name=new-end-date]').fill(autumn);
          await p.locator('input[name=new-start]').fill('02:30');
          await waitBeside(
            p,
            'new-start',
            `02:30 happens twice in Europe/Berlin on ${dayInWords(autumn)}: choose which, +02:00 (the first) or +01:00 (the second).`,
          );
          await p.locator('select[name=new-start-offset]').selectOption('60');
          await eventually('the overlap problem to go', async () => (await besides(p, 'new-start')) === '');
          await p.getByTestId('new-when').filter({ hasText: '(UTC+01:00)' }).waitFor();
          assertEqual(posted.length, 0, 'requests sent while the form had problems');

          await p.getByRole('button', { name: 'Create event' }).click();
          await p.waitForURL(/\/admin\/events\/[0-9a-f-]{36}$/);
          state.eventId = p.url().split('/').pop() ?? '';
          const created = (await (await p.request.get(ctx.url(`/api/events/${state.eventId}`))).json()) as {
            startsAt: string;
          };
          assertEqual(created.startsAt, `${autumn}T01:30:00.000Z`, 'the second 02:30, at +01:00');
        } finally {
          p.off('request', onRequest);
        }
      },
    },
    {
      name: 'editing: a move into the past asks for confirmation beside the start, and the server’s refusal shows there too',
      fn: async () => {
        const p = ctx.page();
        assert(state.eventId, 'no event from the previous check');
        await p.locator('input[name=edit-date]').fill('2020-03-03');
        await waitBeside(p, 'edit-start', 'People were invited: moving the event into the past');
        await p.getByRole('button', { name: 'Review changes' }).click();
        assertEqual(await p.getByTestId('update-confirm').count(), 0, 'no confirmation panel while refused');
        await p.getByLabel('Yes, move it into the past and tell every calendar').check();
        await eventually('the move problem to go', async () => (await besides(p, 'edit-start')) === '');
        await p.getByRole('button', { name: 'Review changes' }).click();
        await p.getByTestId('update-confirm').getByRole('button', { name: /Save/ }).click();
        // Nobody was invited to this event, which only the server knows: it refuses any move into the past.
        await waitBeside(p, 'edit-start', 'startsAt must be in the future');
        await p.locator('[role=alert][data-error-code=EVENT_STARTS_IN_PAST]').waitFor();
        await ctx.capture('event-edit-server-refusal');
      },
    },
  ];
}
