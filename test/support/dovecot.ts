import { execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DOVECOT = '/usr/sbin/dovecot';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/** Why a real Dovecot cannot run here, or null when it can (Debian's dovecot-imapd, run as root as in CI). */
export function dovecotUnavailable(): string | null {
  if (!existsSync(DOVECOT)) return `${DOVECOT} is missing (apt-get install dovecot-imapd)`;
  if (process.getuid?.() !== 0)
    return 'Dovecot is started as root here (as CI runs); run as root to include this test';
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function idOf(name: string, flag: '-u' | '-g'): Promise<number> {
  const { stdout } = await run('id', [flag, name]);
  return Number(stdout.trim());
}

/**
 * A real Dovecot IMAP server with one mailbox, in a temporary folder with its own configuration and
 * port (the system's Dovecot, if any, is untouched): plain-text login on 127.0.0.1 only, Maildir.
 */
export async function startDovecot(user = 'rsvp@example.org', password = 's3cret'): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-dovecot-'));
  chmodSync(dir, 0o755); // the mail processes run as the dovecot user and must reach home/
  const port = await freePort();
  const [uid, gid] = [await idOf('dovecot', '-u'), await idOf('dovecot', '-g')];
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub));
  chownSync(join(dir, 'home'), uid, gid);
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  await daemon(config);
  await waitForPort(port);
  return {
    port,
    user,
    password,
    async stop() {
      await new Promise<void>((resolve) => {
        spawn(DOVECOT, ['-c', config, 'stop'], { stdio: 'ignore' }).once('exit', () => resolve());
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the master process, which puts itself in the background (so its output is not waited for). */
async function daemon(config: string): Promise<void> {
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(DOVECOT, ['-c', config], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`dovecot exited with ${code}`);
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Dovecot did not listen on ${port}`);
}
