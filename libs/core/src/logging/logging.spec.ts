import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../config/env';
import {
  PinoLike,
  PinoNestLogger,
  logDestination,
  pinoLevel,
  prettyLine,
  requestIdFrom,
  scrubText,
} from './logging';

function recorder(): { pino: PinoLike; lines: Array<{ level: string; obj: object; msg?: string }> } {
  const lines: Array<{ level: string; obj: object; msg?: string }> = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  return {
    lines,
    pino: {
      fatal: at('fatal'),
      error: at('error'),
      warn: at('warn'),
      info: at('info'),
      debug: at('debug'),
      trace: at('trace'),
    },
  };
}

describe('logging', () => {
  it('routes Nest log calls to pino levels with their context, fields and stack', () => {
    const { pino, lines } = recorder();
    const logger = new PinoNestLogger(pino);
    logger.log('started', 'Hearth');
    logger.verbose('detail', 'Worker');
    logger.warn(
      { msg: 'outbox attempt will retry', outboxId: 'o-1', reason: '550 <ada@example.org> unknown' },
      'Outbox',
    );
    logger.error('boom', 'Error: boom\n    at x', 'HTTP');
    expect(lines).toEqual([
      { level: 'info', obj: { context: 'Hearth' }, msg: 'started' },
      { level: 'trace', obj: { context: 'Worker' }, msg: 'detail' },
      {
        level: 'warn',
        obj: { context: 'Outbox', outboxId: 'o-1', reason: '550 <[email]> unknown' },
        msg: 'outbox attempt will retry',
      },
      { level: 'error', obj: { context: 'HTTP', stack: 'Error: boom\n    at x' }, msg: 'boom' },
    ]);
  });

  it('blots out email addresses in log text', () => {
    expect(scrubText('could not send to Ada.Lovelace+x@mail.example.org: 550')).toBe(
      'could not send to [email]: 550',
    );
    expect(scrubText('outbox 1b2c attempt 2')).toBe('outbox 1b2c attempt 2');
  });

  it('maps Nest levels to the most verbose pino level', () => {
    expect(pinoLevel(['error', 'fatal'])).toBe('error');
    expect(pinoLevel(['fatal', 'error', 'warn', 'log'])).toBe('info');
    expect(pinoLevel(['verbose'])).toBe('trace');
  });

  it('honours a sane X-Request-Id and replaces anything else', () => {
    const fresh = () => 'fresh';
    expect(requestIdFrom('abc-123_DEF.4:5', fresh)).toBe('abc-123_DEF.4:5');
    expect(requestIdFrom('has space', fresh)).toBe('fresh');
    expect(requestIdFrom('line\nbreak', fresh)).toBe('fresh');
    expect(requestIdFrom('x'.repeat(129), fresh)).toBe('fresh');
    expect(requestIdFrom(['a', 'b'], fresh)).toBe('fresh');
    expect(requestIdFrom(undefined, fresh)).toBe('fresh');
  });

  it('formats a JSON line for a human', () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2026, 0, 1, 12, 0, 0),
      pid: 1,
      hostname: 'h',
      context: 'Outbox',
      msg: 'will retry',
      outboxId: 'o-1',
    });
    expect(prettyLine(line)).toBe('12:00:00.000 WARN  [Outbox] will retry outboxId=o-1\n');
    expect(prettyLine('not json')).toBe('not json');
  });

  it('appends to LOG_FILE, pretty when asked, and drops writes after close', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hearth-log-')), 'hearth.log');
    const destination = logDestination(loadEnv({ LOG_FILE: file, LOG_FORMAT: 'pretty' }));
    destination.stream?.write(`${JSON.stringify({ level: 30, time: 0, msg: 'hello' })}\n`);
    destination.close();
    destination.stream?.write(`${JSON.stringify({ level: 30, time: 0, msg: 'late' })}\n`);
    expect(readFileSync(file, 'utf8')).toBe('00:00:00.000 INFO  hello\n');
    expect(() => loadEnv({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be json or pretty/);
  });
});
