import { DeferredNoticesService, FanoutService } from '../../libs/events/src';
import type { TestApp } from './app';

type Settled = Pick<TestApp, 'dataSource' | 'env' | 'server'>;

/**
 * Waits until no fan-out job is queued or running and no deferred notice waits to be composed:
 * scheduling, editing and cancelling record a job, and an RSVP queues its notice as an intent, that
 * the worker (in-process in test apps of role `all`) turns into outbox rows moments later. Call it
 * before reading outbox rows or mail that a change caused. An app without the worker (role `api`)
 * has its jobs and notices run here, as a worker would. It does not wait for the outbox to send.
 */
export async function settleFanout(t: Settled, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const fanout = t.env.runsWorker ? null : t.server.app.get(FanoutService);
  for (;;) {
    const [row] = await t.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM fanout_jobs WHERE status IN ('queued', 'running')`,
    );
    if (row.n === 0) return settleNotices(t, Math.max(0, deadline - Date.now()));
    if (Date.now() > deadline)
      throw new Error(`${row.n} fan-out jobs still unfinished after ${timeoutMs} ms`);
    const claimed = fanout ? await fanout.claim() : null;
    if (claimed && claimed !== 'progress') await fanout?.runBatch(claimed);
    else if (!claimed) await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Waits until every notice an RSVP queued as an intent (confirmed, waitlisted, …) has been composed
 * into its outbox row (by the in-process worker, or here for an app without one).
 */
export async function settleNotices(t: Settled, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const notices = t.env.runsWorker ? null : t.server.app.get(DeferredNoticesService);
  for (;;) {
    const [row] = await t.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE compose IS NOT NULL`,
    );
    if (row.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${row.n} notices still not composed after ${timeoutMs} ms`);
    if (!notices || (await notices.composeDue()) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}
