import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresProcessesOf } from './support/processes';

/**
 * `npm start` as a user runs it: main.ts in a child process with no DATABASE_URL, so it starts the
 * embedded PostgreSQL in its data folder. First start prints the owner's sign-in link; Ctrl-C leaves
 * no postgres behind; the second start reuses the data; bad configuration stops it naming the variable.
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

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|SMTP_URL|SIGNING_SECRET|PORT|HEARTH_)/.test(k),
    ),
  );
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
    {
      cwd: ROOT,
      env: { ...clean, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function until(run: Run, pattern: RegExp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output())) {
    if (Date.now() > deadline || run.child.exitCode !== null)
      throw new Error(`never saw ${pattern}:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start on embedded PostgreSQL (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the owner link on the first start only, serves, and shuts down cleanly on SIGINT and SIGTERM', async () => {
    const env = async () => ({
      HEARTH_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      DATABASE_EMBEDDED_PORT: String(await freePort()),
      INBOUND_SMTP_PORT: '0',
      OWNER_EMAIL: 'first-owner@example.org',
    });
    const firstEnv = await env();
    const first = start(firstEnv);
    await until(first, /Hearth is running at/);
    expect(first.output()).toContain('Using embedded PostgreSQL');
    expect(first.output()).toMatch(/created the owner account first-owner@example\.org/);
    expect(first.output()).toMatch(/\/auth\/magic\?token=\S+/);
    const ready = await fetch(`http://127.0.0.1:${firstEnv.PORT}/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true } } });
    expect(postgresProcessesOf(dataDir).length).toBeGreaterThan(0);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(postgresProcessesOf(dataDir)).toEqual([]);

    const second = start(await env());
    await until(second, /Hearth is running at/);
    expect(second.output()).not.toMatch(/created the owner account/);
    expect(second.output()).not.toMatch(/auth\/magic\?token=/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postgresProcessesOf(dataDir)).toEqual([]);
    // Two boots of a child process, the first creating the cluster: 70-90 s on a loaded machine, too
    // near the e2e default of 120 s; each boot has its own 90 s limit (until) besides.
  }, 300_000);

  it('refuses invalid configuration, naming the variable and not its value', async () => {
    const run = start({ HEARTH_DATA_DIR: dataDir, PORT: 'eighty', SMTP_URL: 'mailto:secret-value' });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('PORT');
    expect(run.output()).toContain('SMTP_URL');
    expect(run.output()).not.toContain('secret-value');
    expect(postgresProcessesOf(dataDir)).toEqual([]);
  });
});
