import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresProcessesOf } from './support/processes';

/**
 * Single-process mode keeps its embedded PostgreSQL alive. Hearth runs as `npm start` runs it (main.ts
 * in a child process, no DATABASE_URL, its own PostgreSQL in a temporary folder, whatever the rest of
 * the suite uses); its postmaster is killed with SIGKILL, as the OOM killer would: Hearth keeps
 * running and answering 503, starts PostgreSQL again on the same data, and its pool reconnects.
 * Ctrl-C afterwards (SIGINT to the whole process group, postgres included) still stops everything,
 * and is not mistaken for a crash.
 */
const ROOT = join(__dirname, '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const postmasterPid = (dataDir: string): number =>
  Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** Running, stopped or sleeping; not gone, and not a zombie waiting for init to reap it. */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** Postmasters of this data folder (backends rename themselves; the postmaster keeps `-D <dir>`). */
describe('embedded PostgreSQL supervision (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-supervise-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    for (const line of postgresProcessesOf(dataDir)) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts PostgreSQL killed with SIGKILL: data intact, requests served again within 10 s; Ctrl-C still stops it all', async () => {
    const port = await freePort();
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !/^(DATABASE_URL|SMTP_URL|SIGNING_SECRET|PORT|HEARTH_)/.test(k),
      ),
    );
    // Its own process group, so the test can press Ctrl-C as a terminal does: SIGINT to the group.
    child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: ROOT,
        detached: true,
        env: {
          ...clean,
          HEARTH_DATA_DIR: dataDir,
          PORT: String(port),
          DATABASE_EMBEDDED_PORT: String(await freePort()),
          INBOUND_SMTP_PORT: '0',
          OWNER_EMAIL: 'owner@supervise.test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    for (const deadline = Date.now() + 90_000; !/Hearth is running at/.test(out); await sleep(100)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Hearth did not start:\n${out}`);
    }

    const base = `http://127.0.0.1:${port}`;
    const token = /auth\/magic\?token=(\S+)/.exec(out)?.[1] ?? '';
    const signIn = await fetch(`${base}/api/auth/magic-link/consume`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: decodeURIComponent(token) }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const createGroup = (slug: string, name: string) =>
      fetch(`${base}/api/groups`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ slug, name, timezone: 'UTC', visibility: 'public' }),
      });
    expect((await createGroup('before-kill', 'Written before the kill')).status).toBe(201);

    const killed = postmasterPid(dataDir);
    // One of its children frozen, so it cannot notice its parent died and stays attached to the old
    // shared memory: the new postmaster refuses to start until it is gone.
    const frozen = Number(
      execFileSync('pgrep', ['-P', String(killed)])
        .toString()
        .trim()
        .split('\n')[0],
    );
    process.kill(frozen, 'SIGSTOP');
    process.kill(killed, 'SIGKILL');
    const killedAt = Date.now();

    const statuses: number[] = [];
    let recoveredAt = 0;
    while (recoveredAt === 0 && Date.now() - killedAt < 15_000) {
      const res = await fetch(`${base}/api/groups/before-kill`, { headers: { Cookie: cookie } });
      statuses.push(res.status);
      if (res.status === 200) {
        recoveredAt = Date.now();
        expect(((await res.json()) as { name: string }).name).toBe('Written before the kill');
      } else {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        await sleep(100);
      }
    }
    expect(statuses).toContain(503);
    expect(recoveredAt).toBeGreaterThan(0);
    expect(recoveredAt - killedAt).toBeLessThan(10_000);
    expect(postmasterPid(dataDir)).not.toBe(killed);
    expect(out).toMatch(/PostgreSQL exited \(SIGKILL\); restarting it/);
    expect(out).toMatch(/PostgreSQL restarted/);
    expect(out).toMatch(/killing 1 process\(es\) the dead PostgreSQL left attached to its shared memory/);
    expect(alive(frozen)).toBe(false);
    expect(child.exitCode).toBeNull();

    // Writes work again through the same pool, and the probe agrees.
    expect((await createGroup('after-kill', 'Written after the restart')).status).toBe(201);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true } } });

    // Ctrl-C: postgres gets the SIGINT too and shuts down cleanly; that is not a crash to recover from.
    process.kill(-(child.pid ?? 0), 'SIGINT');
    expect(await exited).toBe(0);
    await sleep(1000);
    expect(postgresProcessesOf(dataDir)).toEqual([]);
    expect(out.match(/PostgreSQL restarted/g)).toHaveLength(1);
  });
});
