import { FanoutService } from '../../libs/events/src';
import type { TestApp } from './app';

/**
 * Waits until no fan-out job is queued or running: scheduling, editing and cancelling record a job
 * that the worker (in-process in test apps of role `all`) expands into the outbox moments later. Call
 * it before reading outbox rows or mail that a change caused. An app without the worker (role `api`)
 * has its jobs run here, batch by batch, as a worker would. It does not wait for the outbox to send.
 */
export async function settleFanout(
  t: Pick<TestApp, 'dataSource' | 'env' | 'server'>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const fanout = t.env.runsWorker ? null : t.server.app.get(FanoutService);
  for (;;) {
    const [row] = await t.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM fanout_jobs WHERE status IN ('queued', 'running')`,
    );
    if (row.n === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${row.n} fan-out jobs still unfinished after ${timeoutMs} ms`);
    const claimed = fanout ? await fanout.claim() : null;
    if (claimed && claimed !== 'progress') await fanout?.runBatch(claimed);
    else if (!claimed) await new Promise((r) => setTimeout(r, 25));
  }
}
