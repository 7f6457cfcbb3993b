import type { TestApp } from './app';

/**
 * Waits until no fan-out job is queued or running: scheduling, editing and cancelling record a job
 * that the worker (in-process in test apps, role `all`) expands into the outbox moments later. Call it
 * before reading outbox rows or mail that a change caused. It does not wait for the outbox to send.
 */
export async function settleFanout(t: Pick<TestApp, 'dataSource'>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM fanout_jobs WHERE status IN ('queued', 'running')`,
    );
    if (row.n === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${row.n} fan-out jobs still unfinished after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
