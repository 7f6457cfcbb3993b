import { closeSync, openSync, writeSync } from 'node:fs';
import type { LogLevel, LoggerService } from '@nestjs/common';
import { Env } from '../config/env';

/** The pino methods Hearth writes through (Fastify's `request.log` and `fastify.log` have them). */
export interface PinoLike {
  fatal(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  trace(obj: object, msg?: string): void;
}

type PinoLevel = keyof PinoLike;

const PINO_LEVEL: Record<LogLevel, PinoLevel> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};
const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The pino level that lets through the most verbose of these Nest levels. */
export function pinoLevel(levels: LogLevel[]): PinoLevel {
  const most = Math.max(...levels.map((l) => ORDER.indexOf(l)), 0);
  return PINO_LEVEL[ORDER[most]];
}

// An address anywhere in a line (an SMTP error quoting a recipient, a driver message): belt and
// braces behind the rule that log calls name ids, never addresses.
const EMAIL = /[^\s<>()"',;:@]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/gi;

/** A log text with email addresses blotted out. */
export function scrubText(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/** Keys whose values never reach a log line, wherever they appear (pino's redact paths). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hearth-inbound-secret"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.email',
];

/**
 * Nest's Logger routed through pino, so that every `new Logger(X.name)` call becomes one JSON line
 * with its context. A message given as an object is logged as fields (`{ msg, outboxId }`).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: PinoLike) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    // Nest's error(message, stack?, context?): a second string before the context is a stack.
    const context = params.length >= 2 ? params.pop() : params.length === 1 ? params.pop() : undefined;
    const stack = params.find((p): p is string => typeof p === 'string');
    this.write('error', message, context === undefined ? [] : [context], stack);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: PinoLevel, message: unknown, params: unknown[], stack?: string): void {
    const last = params[params.length - 1];
    const fields: Record<string, unknown> = {};
    if (typeof last === 'string') fields.context = last;
    if (stack) fields.stack = scrubText(stack);
    if (message instanceof Error) {
      fields.err = {
        type: message.name,
        message: scrubText(message.message),
        stack: scrubText(message.stack ?? ''),
      };
      this.pino[level](fields, scrubText(message.message));
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...rest } = message as Record<string, unknown>;
      for (const [key, value] of Object.entries(rest)) {
        if (typeof value === 'string') rest[key] = scrubText(value);
      }
      this.pino[level]({ ...fields, ...rest }, scrubText(typeof msg === 'string' ? msg : ''));
    } else {
      this.pino[level](fields, scrubText(String(message)));
    }
  }
}

/** Where pino writes: a file (LOG_FILE), stdout as JSON (pino's own), or stdout for humans. */
export interface LogDestination {
  stream?: { write(line: string): void };
  close(): void;
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** One JSON log line as a human reads it: `12:00:00.000 INFO  [Context] message key=value`. */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { level, time, msg, context, pid: _pid, hostname: _hostname, ...rest } = entry;
  const at = typeof time === 'number' ? new Date(time).toISOString().slice(11, 23) : '';
  const name = (LEVEL_NAMES[Number(level)] ?? String(level)).padEnd(5);
  const extra = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  return `${at} ${name} ${context ? `[${text(context)}] ` : ''}${text(msg)}${extra ? ` ${extra}` : ''}\n`;
}

/** LOG_FILE and LOG_FORMAT as a pino destination. Writes after close are dropped, never thrown. */
export function logDestination(env: Env): LogDestination {
  const format = env.LOG_FORMAT === 'pretty' ? prettyLine : (line: string) => line;
  if (env.LOG_FILE) {
    let fd: number | null = openSync(env.LOG_FILE, 'a');
    return {
      stream: {
        write(line: string) {
          if (fd !== null) writeSync(fd, format(line));
        },
      },
      close() {
        if (fd !== null) closeSync(fd);
        fd = null;
      },
    };
  }
  if (env.LOG_FORMAT === 'pretty') {
    return { stream: { write: (line: string) => void process.stdout.write(prettyLine(line)) }, close() {} };
  }
  return { close() {} };
}

// A request id we take from a client or proxy: short, and nothing that could forge a log line.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming `X-Request-Id` when it is sane, otherwise a fresh one. */
export function requestIdFrom(header: string | string[] | undefined, fresh: () => string): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : fresh();
}
