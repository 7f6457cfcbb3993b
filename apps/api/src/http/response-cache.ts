import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Env, MetricsService } from '@app/core';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** What a body shows that moves with no version: going counts by event id, rosters by `names:<id>` (ViewVersions.shownHolds). */
export type Shown = Record<string, number | string>;

/** Which cached view a counter counts: bounded labels only. */
export type CachedView = 'feed' | 'listing' | 'event';

type Encoding = 'br' | 'gzip';

/** Rendered bytes of one view at one version, with its compressed variants made once, on demand. */
export interface CachedBody {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly expiresAt: number;
  readonly variants: Map<Encoding, Promise<Buffer>>;
  bytes: number;
  /** Whether the LRU holds it (an entry over budget is served once, not kept). */
  held: boolean;
  /** The going counts the body shows (event id → count), checked on every hit; none: nothing to check. */
  shown: Shown | null;
  /** The route's own headers at rendering (Cache-Control, Referrer-Policy, Content-Disposition). */
  headers: Array<[string, string]>;
  /**
   * Whether a hit may be sent before the handler runs: set once the rendering's own answer went out
   * without a cookie (confirmDirect), so what the handler also does besides rendering is never skipped.
   */
  direct: boolean;
}

/** Headers a rendering's handler set that belong to every answer of it (request ids, cookies and sizes do not). */
const KEPT_HEADERS = ['cache-control', 'referrer-policy', 'content-disposition'];

/** Where a route's signed-out answer lies in the cache: the same key its handler serves under. */
export interface CacheRecipe {
  view: CachedView;
  key: string;
  holds?: CacheOptions['holds'];
}

/** How a route finds its recipe from the request alone (null: this request is not served from the cache). */
export type RecipeOf = (request: FastifyRequest) => Promise<CacheRecipe | null>;

/** What `answer` returns when the handler must run. */
export const NOT_ANSWERED = Symbol('not answered from the cache');

export interface CacheOptions {
  contentType: string;
  /** Strong ETag; made from the key when absent (the key holds the version). */
  etag?: string;
  /** How long the rendering stays true while nothing is committed (time passing: "upcoming" moves). */
  ttlMs?: number;
  /** Asked after rendering: false when the rendering turned out to depend on more than the key. */
  shareable?: () => boolean;
  /** Asked after rendering: the going counts it shows (they move with no version). */
  shown?: () => Shown | null;
  /** Whether counts a cached body shows are still current (asked on a hit of a body that shows some). */
  holds?: (shown: Shown) => Promise<boolean>;
}

/** Below this, compressing costs more than it saves (the same as registerCompression's threshold). */
const COMPRESS_MIN_BYTES = 1024;
/**
 * What an entry costs beside its bytes and key, counted in the budget and the gauge: the entry, its
 * Buffer objects, ETag, headers, counts and variants map (measured: about 865 bytes of V8 heap an
 * entry, and 285 more for each compressed variant, with its promise). Left out, 4,500 cached event
 * pages held some 6 MiB the budget did not see.
 */
export const ENTRY_BYTES = 900;
export const VARIANT_BYTES = 300;
const DEFAULT_TTL_MS = 60_000;

/**
 * An in-memory LRU of rendered responses with a byte budget (HTTP_CACHE_BYTES), per process.
 * Correctness lies in the key, not in invalidation: callers key on the route, the normalized query,
 * the viewer class (only views that are the same for everyone in it are cached — in practice
 * signed-out visitors), the language and zone of the render, and the version(s) read from
 * PostgreSQL on this very request (one primary-key read). A version moves in the transaction that
 * changes what the view shows (migration AddCacheVersions), so once a commit is visible to any
 * process, that process's next request reads the new version and misses: no process serves a
 * version older than one it has seen committed, without any cross-process messaging. Superseded
 * entries are never read again and age out of the LRU.
 */
@Injectable()
export class ResponseCache {
  private readonly entries = new Map<string, CachedBody>();
  private readonly recipes = new Map<string, RecipeOf>();
  /** The entry each answer being sent rendered, until its onSend confirms it (confirmDirect). */
  private readonly rendered = new WeakMap<FastifyReply, CachedBody>();
  /** Renderings under way, by key: what they kept (null: nothing to share). */
  private readonly rendering = new Map<string, Promise<CachedBody | null>>();
  private bytes = 0;
  private readonly budget: number;

  constructor(
    @Inject(Env) env: Env,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    this.budget = env.HTTP_CACHE_BYTES;
    metrics.scrapeGauge(
      'hearth_http_cache_bytes',
      'Bytes the in-memory response cache holds (bodies and compressed variants), at most HTTP_CACHE_BYTES',
      () => this.bytes,
    );
  }

  /** Bytes held now (bodies and compressed variants). */
  get size(): number {
    return this.bytes;
  }

  /** The entry for `key` when still fresh, most recently used from now on; counts a hit or a miss. */
  get(view: CachedView, key: string): CachedBody | undefined {
    const entry = this.lookup(key);
    this.metrics.httpCache.inc({ view, result: entry ? 'hit' : this.budget > 0 ? 'miss' : 'bypass' });
    return entry;
  }

  private lookup(key: string): CachedBody | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    if (entry) this.drop(key, entry);
    return undefined;
  }

  /** Keeps a rendering (when it fits the budget) and returns it, to be sent either way. */
  put(key: string, body: Buffer | string, options: CacheOptions, reply?: FastifyReply): CachedBody {
    const bytes = owned(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
    const headers: Array<[string, string]> = [];
    for (const name of KEPT_HEADERS) {
      const value = reply?.getHeader(name);
      if (typeof value === 'string') headers.push([name, value]);
    }
    const shown = options.shown?.() ?? null;
    const entry: CachedBody = {
      body: bytes,
      contentType: options.contentType,
      // The counts shown move no version, so they are part of what the ETag names: a client holding
      // the body of before an RSVP must not be told 304.
      etag: options.etag ?? `"c${hash(shown ? `${key}\n${JSON.stringify(shown)}` : key)}"`,
      expiresAt: Date.now() + (options.ttlMs ?? DEFAULT_TTL_MS),
      variants: new Map(),
      bytes: bytes.length + key.length + ENTRY_BYTES,
      held: false,
      shown,
      headers,
      direct: false,
    };
    if (reply) this.rendered.set(reply, entry);
    // An entry over a quarter of the budget would push out most of the others: served, not kept.
    if (entry.bytes * 4 > this.budget) return entry;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, entry);
    entry.held = true;
    this.bytes += entry.bytes;
    this.evict();
    return entry;
  }

  /**
   * Sends an entry: 304 when the client holds its ETag, else the body in the best encoding the
   * client accepts (compressed once per entry, off the event loop), with Vary: Accept-Encoding.
   */
  async send(request: FastifyRequest, reply: FastifyReply, entry: CachedBody): Promise<Buffer | undefined> {
    void reply.header('ETag', entry.etag).header('Content-Type', entry.contentType);
    if (etagMatches(request.headers['if-none-match'], entry.etag)) {
      void reply.status(304);
      return undefined;
    }
    const encoding =
      entry.body.length >= COMPRESS_MIN_BYTES ? accepted(request.headers['accept-encoding']) : null;
    // Neither br nor gzip accepted: the global compression hook has nothing to do either.
    if (!encoding) return entry.body;
    let variant = entry.variants.get(encoding);
    if (!variant) {
      variant = compress(entry.body, encoding);
      entry.variants.set(encoding, variant);
      void variant
        .then((compressed) => this.grow(entry, compressed.length + VARIANT_BYTES))
        .catch(() => undefined);
    }
    const compressed = await variant;
    void reply.header('Content-Encoding', encoding);
    return compressed;
  }

  /**
   * The cached rendering for `key`, or `render()` kept under it (only a 200 is kept: an error or
   * a redirect the render chose goes out as it is), sent through `send`. Requests that miss the
   * same key while it is being rendered wait for that one rendering instead of each making their
   * own (an unchanged 2 MB feed asked by 50 clients at once is built once); a rendering that is
   * not kept leaves each of them to render its own.
   */
  async serve(
    view: CachedView,
    key: string,
    request: FastifyRequest,
    reply: FastifyReply,
    render: () => Promise<string | Buffer>,
    options: CacheOptions,
  ): Promise<string | Buffer | undefined> {
    let entry = this.lookup(key);
    const under = entry ? undefined : this.rendering.get(key);
    // Only awaited when there is one: a caller that yielded here would let its peers all miss.
    if (under) entry = (await under) ?? undefined;
    if (entry?.shown && options.holds && !(await options.holds(entry.shown))) {
      this.drop(key, entry);
      entry = undefined;
      this.metrics.httpCache.inc({ view, result: 'stale' });
    } else {
      this.metrics.httpCache.inc({ view, result: entry ? 'hit' : this.budget > 0 ? 'miss' : 'bypass' });
    }
    if (entry) return this.send(request, reply, entry);
    if (this.rendering.has(key)) {
      // Rendered while another of the same key was under way: sent, and kept when it may be.
      const body = await render();
      return this.keepable(reply, options)
        ? this.send(request, reply, this.put(key, body, options, reply))
        : body;
    }
    let done: (entry: CachedBody | null) => void = () => undefined;
    this.rendering.set(key, new Promise((resolve) => (done = resolve)));
    try {
      const body = await render();
      const kept = this.keepable(reply, options) ? this.put(key, body, options, reply) : null;
      done(kept);
      return kept ? this.send(request, reply, kept) : body;
    } catch (error) {
      done(null);
      throw error;
    } finally {
      this.rendering.delete(key);
    }
  }

  /** Only a 200 the rendering says may be shared is kept (an error or a redirect goes out as it is). */
  private keepable(reply: FastifyReply, options: CacheOptions): boolean {
    return reply.statusCode === 200 && options.shareable?.() !== false;
  }

  /**
   * Called as a rendering's answer is sent (after @fastify/cookie wrote its cookies): an entry
   * whose answer set no cookie may be answered before the handler from now on. `?lang=` and `?tz=`
   * are remembered in a cookie on every answer, so those renderings stay the handler's.
   */
  confirmDirect(reply: FastifyReply): void {
    const entry = this.rendered.get(reply);
    if (entry) entry.direct = reply.getHeader('set-cookie') === undefined;
  }

  /** Declares how a GET route (its pattern, as Fastify names it) finds its signed-out answer here. */
  route(pattern: string, recipe: RecipeOf): void {
    this.recipes.set(pattern, recipe);
  }

  /**
   * A signed-out request's answer straight from the cache, before guards, pipes and the handler
   * run (registerCacheHits): the route's recipe reads the same version the handler would and names
   * the same key, and only a fresh entry whose counts still hold is sent, with the headers its
   * handler set. Anything else — a miss, a stale entry, a signed-in caller — is the handler's.
   */
  async answer(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<Buffer | undefined | typeof NOT_ANSWERED> {
    const recipeOf = this.recipes.get(request.routeOptions.url ?? '');
    if (!recipeOf) return NOT_ANSWERED;
    const recipe = await recipeOf(request);
    const entry = recipe ? this.lookup(recipe.key) : undefined;
    if (!recipe || !entry?.direct) return NOT_ANSWERED;
    if (entry.shown && recipe.holds && !(await recipe.holds(entry.shown))) return NOT_ANSWERED;
    this.metrics.httpCache.inc({ view: recipe.view, result: 'hit' });
    for (const [name, value] of entry.headers) void reply.header(name, value);
    return this.send(request, reply, entry);
  }

  private grow(entry: CachedBody, by: number): void {
    entry.bytes += by;
    if (entry.held) {
      this.bytes += by;
      this.evict();
    }
  }

  private drop(key: string, entry: CachedBody): void {
    if (!entry.held) return;
    this.entries.delete(key);
    entry.held = false;
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.budget) return;
      this.drop(key, entry);
    }
  }
}

/**
 * The bytes in memory of their own, exactly as many as they are. Node hands out small buffers as
 * slices of a shared 64 KiB slab (Buffer.from of a string) and zlib's results as slices of its 64 KiB
 * output chunk: a cached page of 3 KiB, or its 1 KiB compressed variant, would otherwise keep the whole
 * 64 KiB it was cut from for as long as the cache holds it, unseen by the byte budget.
 */
export function owned(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  return own;
}

async function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return owned(await compressed(body, encoding));
}

function compressed(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: {
          // Quality 5: most of brotli's gain at a fraction of 11's cost; made once per version.
          [zlib.BROTLI_PARAM_QUALITY]: 5,
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
          [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipped(body);
}

/** br, else gzip, when accepted with a non-zero q; null for identity. */
export function accepted(header: string | string[] | undefined): Encoding | null {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ok = new Set<string>();
  const refused = new Set<string>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name) (q && Number(q.slice(2)) === 0 ? refused : ok).add(name);
  }
  // `*` stands for the codings not named: one refused by name stays refused.
  const takes = (coding: Encoding): boolean => ok.has(coding) || (ok.has('*') && !refused.has(coding));
  if (takes('br')) return 'br';
  if (takes('gzip')) return 'gzip';
  return null;
}

export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (typeof header !== 'string') return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

const hash = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 27);

/** The path and its query parameters in a stable order: the same listing asked two ways is one entry. */
export function normalizedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = [...new URLSearchParams(url.slice(at + 1))].sort(([a, x], [b, y]) =>
    a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0,
  );
  return `${url.slice(0, at)}?${new URLSearchParams(params).toString()}`;
}
