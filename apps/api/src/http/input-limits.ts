import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/core';

/**
 * Bounds every request input must stay within before any DTO is built or validated. They sit far
 * above what a real client sends (the deepest DTO is 3 levels, the longest text 20,000 characters,
 * the longest list 20 items) and exist so that hostile input costs a scan, not a parse and a
 * class-transformer walk.
 */
export const INPUT_LIMITS = {
  /** Bytes of a JSON body (form posts of the member pages share it). */
  bodyBytes: 1024 * 1024,
  /** Nesting of arrays and objects in a JSON body. */
  depth: 32,
  /** Characters of any one string, or object key. */
  stringLength: 100_000,
  /**
   * Characters of a pasted list of people (a field named `people`, as in an audience): 10,000
   * addresses and more, so only the body limit bounds it.
   */
  pastedListLength: 1024 * 1024,
  /** Items of any one array. */
  arrayLength: 1_000,
  /** Keys of any one object. */
  objectKeys: 1_000,
} as const;

/**
 * Whether a JSON text nests arrays/objects deeper than `max`, found by one pass over the text
 * (brackets inside strings do not count), so `[[[[…` is refused before JSON.parse recurses into it.
 */
export function jsonNestsDeeperThan(body: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character (`\"`, `\\`); a bare quote ends the string.
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be taken as text, or null: PostgreSQL refuses NUL in `text` and `\u0000` or a
 * lone surrogate in `jsonb`, and a lone surrogate has no UTF-8 form (it would be stored as U+FFFD).
 */
export function stringProblem(value: string, max: number = INPUT_LIMITS.stringLength): string | null {
  if (value.length > max) return `must be at most ${max} characters`;
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it has an unpaired surrogate)';
  return null;
}

export interface InputProblem {
  field: string;
  problem: string;
}

/**
 * The first string, key, array or object in a parsed input that breaks INPUT_LIMITS, with the path
 * of the field it sits in (`answers.q1`, `questions.2.label`), or null when all is well.
 */
export function findInputProblem(value: unknown, root = 'body', path = '', depth = 0): InputProblem | null {
  const name = path || root;
  if (typeof value === 'string') {
    const pasted = path === 'people' || path.endsWith('.people');
    const problem = stringProblem(value, pasted ? INPUT_LIMITS.pastedListLength : INPUT_LIMITS.stringLength);
    return problem ? { field: name, problem: `${name} ${problem}` } : null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (depth > INPUT_LIMITS.depth)
    return { field: name, problem: `${name} nests deeper than ${INPUT_LIMITS.depth} levels` };
  if (Array.isArray(value)) {
    if (value.length > INPUT_LIMITS.arrayLength)
      return { field: name, problem: `${name} must have at most ${INPUT_LIMITS.arrayLength} items` };
    for (let i = 0; i < value.length; i++) {
      const found = findInputProblem(value[i], root, path ? `${path}.${i}` : String(i), depth + 1);
      if (found) return found;
    }
    return null;
  }
  const keys = Object.keys(value);
  if (keys.length > INPUT_LIMITS.objectKeys)
    return { field: name, problem: `${name} must have at most ${INPUT_LIMITS.objectKeys} fields` };
  for (const key of keys) {
    const keyProblem = stringProblem(key);
    // The key itself is the bad part; name it by its parent, since it cannot be printed safely.
    if (keyProblem) return { field: name, problem: `a field name in ${name} ${keyProblem}` };
    const found = findInputProblem(
      (value as Record<string, unknown>)[key],
      root,
      path ? `${path}.${key}` : key,
      depth + 1,
    );
    if (found) return found;
  }
  return null;
}

/**
 * Fastify's query parser reads a malformed %-escape (`?q=%E0%A4%A`) as literal text; like a malformed
 * path, it is refused, naming the parameter, rather than searched for as something nobody typed.
 */
export function malformedQueryEscape(url: string): InputProblem | null {
  const start = url.indexOf('?');
  if (start < 0) return null;
  for (const pair of url.slice(start + 1).split('&')) {
    const [name, value = ''] = pair.split('=', 2);
    for (const part of [name, value]) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        const field = safeDecode(name) || 'query';
        return { field, problem: `${field} is not valid percent-encoding` };
      }
    }
  }
  return null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function refuse(found: InputProblem): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The request is not valid', {
    fields: [{ field: found.field, problems: [found.problem] }],
  });
}

/** A 4xx that Fastify's error path and our ErrorFilter both understand. */
function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

/**
 * Body parsing and input checks for every route:
 * - `application/json`: at most INPUT_LIMITS.bodyBytes, nesting checked by a scan of the text before
 *   Fastify's own parser (which also refuses `__proto__` / `constructor` poisoning);
 * - `application/x-www-form-urlencoded` for the member pages' forms (whether /api takes it is
 *   api-request-policy.ts's decision);
 * - route params, query and body (after parsing, before guards, pipes and handlers): strings with
 *   NUL or an unpaired surrogate, over-long strings, lists or objects are a 400 naming the field.
 * Nest's own body parsers are off (`bodyParser: false`), so these are the only ones.
 */
export function registerInputLimits(app: NestFastifyApplication): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: INPUT_LIMITS.bodyBytes },
    (request, body, done) => {
      if (jsonNestsDeeperThan(body as string, INPUT_LIMITS.depth)) {
        done(httpError(400, `JSON nests deeper than ${INPUT_LIMITS.depth} levels`), undefined);
        return;
      }
      void parseJson(request, body as string, done);
    },
  );
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: INPUT_LIMITS.bodyBytes },
    (_request, body, done) => done(null, parseForm(body as string)),
  );
  fastify.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
    const found =
      malformedQueryEscape(request.url) ??
      findInputProblem(request.params ?? null, 'path') ??
      findInputProblem(request.query ?? null, 'query') ??
      findInputProblem(request.body ?? null, 'body');
    done(found ? refuse(found) : undefined);
  });
}

/**
 * A form body as the member pages read it: one string per field, repeated fields as a list.
 * URLSearchParams reads a malformed %-escape as U+FFFD instead of throwing URIError.
 */
export function parseForm(body: string): Record<string, string | string[]> {
  const fields = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = fields[key];
    if (seen === undefined) fields[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else fields[key] = [seen, value];
  }
  return fields;
}

/**
 * Fastify's router answers a path it cannot decode (`/api/groups/%E0%A4%A`) or an over-long path
 * parameter before any hook, filter or handler runs; this gives those answers the API's error shape
 * and the security headers every other response carries.
 */
export function frameworkErrorHandler(
  headers: Record<string, string>,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    const statusCode =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 400;
    void reply
      .headers(headers)
      .code(statusCode)
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('X-Request-Id', request.id)
      .send({
        statusCode,
        code: 'VALIDATION_FAILED',
        message:
          error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? 'A part of the URL is too long'
            : 'The URL is not valid',
        requestId: request.id,
      });
  };
}
