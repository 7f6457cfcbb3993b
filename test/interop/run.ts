/**
 * `npm run test:interop -- <corpus dir>` (default ../shared/interop beside the checkout):
 * 1. the jest specs that read the corpus (test/interop/*.interop-spec.ts: the reply and e-mail
 *    parsers, automation detection and the re-addressing helper on every client's file), which
 *    `npm test` leaves out so that it passes on a fresh clone with nothing beside it;
 * 2. every REPLY of the corpus (<dir>/imip-reply, or <dir> itself) re-addressed to a real invitation
 *    created here — ORGANIZER, ATTENDEE, UID and the To/From headers swapped, every other byte as the
 *    client wrote it — and sent through Hearth's real inbound SMTP listener. Each answer must become
 *    the RSVP its PARTSTAT says (source `calendar`); each COUNTER or proposed new time must be logged
 *    as a proposal and change nothing.
 * Prints one line per file and, last, `N passed, N failed` over both (CI adds that line to its
 * totals); exits non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { startTestApp, TestApp } from '../support/app';
import { groupWithTopic, person } from '../support/fixtures';
import { createEvent, inboundPort, invitationOf, invite, rsvpOf, smtpClient } from '../support/inbound';
import { ExpectedReply, expectedReplyFor, readdressReply } from '../support/readdress';

const ANSWER: Record<string, string> = {
  ACCEPTED: 'going',
  TENTATIVE: 'maybe',
  DECLINED: 'declined',
  DELEGATED: 'declined',
};

interface Line {
  file: string;
  expected: string;
  got: string;
  ok: boolean;
}

function corpusFiles(dir: string): string[] {
  const replies = existsSync(path.join(dir, 'imip-reply')) ? path.join(dir, 'imip-reply') : dir;
  if (!existsSync(replies)) throw new Error(`interop corpus not found: ${replies}`);
  return readdirSync(replies)
    .filter((f) => /\.(eml|ics)$/i.test(f))
    .sort()
    .map((f) => path.join(replies, f));
}

/** The expectation from the corpus table, or from the file name alone for files it does not list yet. */
function expectationOf(file: string): Omit<ExpectedReply, 'attendee'> | null {
  try {
    return expectedReplyFor(file);
  } catch {
    const name = file.toLowerCase();
    if (/counter|propose/.test(name)) return { kind: 'proposal' };
    for (const p of ['ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED'] as const)
      if (name.includes(p.toLowerCase())) return { kind: 'rsvp', partstat: p };
    return null;
  }
}

async function runOne(
  t: TestApp,
  slug: string,
  organizer: Awaited<ReturnType<typeof person>>,
  file: string,
  i: number,
): Promise<Line> {
  const name = path.basename(file);
  const expected = expectationOf(name);
  if (!expected)
    return { file: name, expected: '?', got: 'cannot tell the expected answer from the name', ok: false };
  const want = expected.kind === 'proposal' ? 'proposal, no RSVP' : `${ANSWER[expected.partstat ?? '']}`;
  const member = await person(t, `interop-${i}@members.example.org`, `Interop ${i}`);
  const eventId = await createEvent(t, slug, organizer, { capacity: 50, title: `Interop ${name}` });
  await invite(t, eventId, [member.userId]);
  const inv = await invitationOf(t, eventId, member.userId);
  const raw = readdressReply(readFileSync(file), {
    organizerEmail: inv.address,
    attendeeEmail: member.email,
    uid: inv.uid,
    to: inv.address,
  });
  const client = smtpClient(inboundPort(t), 1);
  const sent = await client.send(raw, inv.address, member.email);
  client.close();
  if (!sent.ok) return { file: name, expected: want, got: `SMTP ${sent.code} ${sent.response}`, ok: false };
  const rows: Array<{ outcome: string; reason: string | null }> = await t.dataSource.query(
    `SELECT outcome, reason FROM inbound_messages WHERE invitation_id = $1 ORDER BY received_at`,
    [inv.id],
  );
  const rsvp = await rsvpOf(t, eventId, member.userId);
  const logged =
    rows.map((r) => (r.reason ? `${r.outcome} (${r.reason})` : r.outcome)).join(', ') || 'not logged';
  if (expected.kind === 'proposal') {
    const ok = rows.length === 1 && rows[0].outcome === 'proposal' && rsvp === null;
    return { file: name, expected: want, got: `${logged}, RSVP ${rsvp?.status ?? 'none'}`, ok };
  }
  const ok =
    rows.length === 1 &&
    rows[0].outcome === 'applied' &&
    rsvp?.status === ANSWER[expected.partstat ?? ''] &&
    rsvp.source === 'calendar';
  return {
    file: name,
    expected: want,
    got: `${logged}, RSVP ${rsvp ? `${rsvp.status} (${rsvp.source})` : 'none'}`,
    ok,
  };
}

const ROOT = path.resolve(__dirname, '../..');

/** The corpus root the jest specs read (they also use imip-request and imip-cancel beside imip-reply). */
function corpusRoot(dir: string): string {
  if (existsSync(path.join(dir, 'imip-reply'))) return dir;
  if (path.basename(dir) === 'imip-reply') return path.dirname(dir);
  return dir;
}

/** Runs the jest `interop` project against the corpus and returns its test counts. */
function runCorpusSpecs(dir: string): { passed: number; failed: number } {
  const out = mkdtempSync(path.join(tmpdir(), 'hearth-interop-'));
  const file = path.join(out, 'jest.json');
  try {
    const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
    spawnSync(process.execPath, [jest, '--selectProjects', 'interop', '--json', `--outputFile=${file}`], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, HEARTH_INTEROP_DIR: corpusRoot(dir) },
    });
    if (!existsSync(file)) return { passed: 0, failed: 1 };
    const result = JSON.parse(readFileSync(file, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numRuntimeErrorTestSuites: number;
    };
    // A suite that cannot even load (a missing corpus file) has no failed tests, but is a failure.
    return {
      passed: result.numPassedTests,
      failed: result.numFailedTests + result.numRuntimeErrorTestSuites,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] ?? path.join(ROOT, '../shared/interop'));
  if (!existsSync(dir)) {
    process.stderr.write(`interop corpus not found: ${dir}\nusage: npm run test:interop -- <corpus dir>\n`);
    return 2;
  }
  const specs = runCorpusSpecs(dir);
  process.stdout.write(`\ncorpus specs (jest): ${specs.passed} passed, ${specs.failed} failed\n\n`);
  const files = corpusFiles(dir);
  await globalSetup();
  let t: TestApp | null = null;
  const lines: Line[] = [];
  try {
    t = await startTestApp();
    const { organizer } = await groupWithTopic(t, 'interop');
    for (const [i, file] of files.entries()) {
      try {
        lines.push(await runOne(t, 'interop', organizer, file, i));
      } catch (error) {
        lines.push({
          file: path.basename(file),
          expected: '?',
          got: `error: ${(error as Error).message}`,
          ok: false,
        });
      }
      const l = lines[lines.length - 1];
      process.stdout.write(
        `${l.ok ? 'PASS' : 'FAIL'}  ${l.file.padEnd(46)} expected ${l.expected.padEnd(18)} got ${l.got}\n`,
      );
    }
  } finally {
    await t?.close();
    await globalTeardown();
  }
  const smtpPassed = lines.filter((l) => l.ok).length;
  process.stdout.write(
    `\nthrough the SMTP listener: ${smtpPassed} passed, ${lines.length - smtpPassed} failed\n`,
  );
  const passed = specs.passed + smtpPassed;
  const failed = specs.failed + lines.length - smtpPassed;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 && specs.passed > 0 && smtpPassed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`interop run failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
