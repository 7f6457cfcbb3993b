import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  getMetadataStorage,
  validateSync,
} from 'class-validator';

export const HEARTH_ROLES = ['all', 'api', 'worker'] as const;
export type HearthRole = (typeof HEARTH_ROLES)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The one validated view of the process configuration. Nothing else reads process.env:
 * `loadEnv` turns a raw string map into this class or fails naming the variable (never its value).
 */
export class Env {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  /** Where people reach Hearth; links in emails are built from it. Defaults to http://localhost:PORT. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(500)
  DATABASE_POOL_SIZE: number = 20;

  /** Port of the embedded PostgreSQL used when DATABASE_URL is unset. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  DATABASE_EMBEDDED_PORT: number = 54329;

  /**
   * Video room base for networking rounds (issue 15): an http(s) URL; each room's unguessable name
   * replaces `{room}` in it, or is appended when it has no `{room}`. Default: public Jitsi Meet.
   */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'NETWORKING_ROOM_URL must be an http(s) URL' })
  NETWORKING_ROOM_URL: string = 'https://meet.jit.si/';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(320)
  MAIL_FROM?: string;

  /** Domain of the reply addresses (rsvp+token@INBOUND_DOMAIN) and of Message-IDs. */
  @Matches(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, {
    message: 'INBOUND_DOMAIN must be a domain name',
  })
  INBOUND_DOMAIN: string = 'hearth.localhost';

  /** Built-in SMTP listener for calendar replies (worker role). */
  @IsIn(['true', 'false'], { message: 'INBOUND_SMTP_ENABLED must be true or false' })
  INBOUND_SMTP_ENABLED: 'true' | 'false' = 'true';

  @IsString()
  INBOUND_SMTP_HOST: string = '127.0.0.1';

  /** 0 picks a free port (tests read the bound port from the listener). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  INBOUND_SMTP_PORT: number = 2525;

  /** Simultaneous SMTP connections; more are refused with 421. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  INBOUND_SMTP_MAX_CLIENTS: number = 200;

  /** RCPT TO per message; a reply goes to one address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  INBOUND_SMTP_MAX_RECIPIENTS: number = 10;

  /** STARTTLS is offered only when both are set (paths to PEM files). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  INBOUND_SMTP_TLS_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  INBOUND_SMTP_TLS_CERT?: string;

  /** Largest inbound message accepted and stored, in bytes (SMTP SIZE, webhook body, IMAP). */
  @Transform(toInt)
  @IsInt()
  @Min(64 * 1024)
  @Max(50 * 1024 * 1024)
  INBOUND_MAX_BYTES: number = 1024 * 1024;

  /** Stored raw messages are cleared after this many days (the log row stays). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  INBOUND_RAW_RETENTION_DAYS: number = 30;

  /** Shared secret of POST /api/inbound/mime; the route answers 404 while it is unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'INBOUND_WEBHOOK_SECRET must be at least 32 characters' })
  INBOUND_WEBHOOK_SECRET?: string;

  /** Mailbox polled for replies, e.g. imaps://user:pass@imap.example.org/INBOX. Unset: no polling. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^imaps?:\/\/\S+$/, { message: 'IMAP_URL must be an imap:// or imaps:// URL' })
  IMAP_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  IMAP_POLL_MS: number = 60_000;

  /** HMAC key for signed tokens. Generated and kept in the data folder when running embedded. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SIGNING_SECRET must be at least 32 characters' })
  SIGNING_SECRET?: string;

  @IsIn([...HEARTH_ROLES], { message: 'HEARTH_ROLE must be one of all, api, worker' })
  HEARTH_ROLE: HearthRole = 'all';

  /** Local state for the single-process mode: embedded database, generated secret. */
  @IsString()
  HEARTH_DATA_DIR: string = '.hearth';

  /** The account created on the very first start. */
  @IsEmail({}, { message: 'OWNER_EMAIL must be an email address' })
  OWNER_EMAIL: string = 'owner@hearth.localhost';

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS: number = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_BATCH_SIZE: number = 50;

  /** Dispatch loops per process: while one waits for the relay's answers, another claims and sends. */
  @Transform(toInt) @IsInt() @Min(1) @Max(16) OUTBOX_LOOPS: number = 2;

  /** Named people who are not members of the group (guests) one person may invite per day. */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000) AUDIENCE_GUESTS_PER_DAY: number = 2000;

  /** Fan-out jobs: recipients per batch (one transaction), idle poll, and a claimed batch's lease. */
  /**
   * Bytes of rendered feeds, listing pages and public event pages (compressed variants included)
   * each process keeps in memory (issue 14); 0 turns the cache off.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(4 * 1024 * 1024 * 1024) HTTP_CACHE_BYTES: number = 32 * 1024 * 1024;

  @Transform(toInt) @IsInt() @Min(1) @Max(5000) FANOUT_BATCH_SIZE: number = 500;
  @Transform(toInt) @IsInt() @Min(10) @Max(60_000) FANOUT_POLL_MS: number = 250;
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) FANOUT_LEASE_MS: number = 60_000;

  /** First retry delay; doubles per attempt up to one hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  OUTBOX_RETRY_BASE_MS: number = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  OUTBOX_MAX_ATTEMPTS: number = 8;

  /**
   * How long a worker's claim on outbox rows lasts without renewal: a worker that dies mid-send
   * leaves its rows to others after this long. Its heartbeat renews the claim every OUTBOX_HEARTBEAT_MS.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  OUTBOX_LEASE_MS: number = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(1_800_000)
  OUTBOX_HEARTBEAT_MS: number = 10_000;

  /** Optional DKIM signing of outgoing mail: all three or none. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9.-]+$/i, { message: 'DKIM_DOMAIN must be a domain name' })
  DKIM_DOMAIN?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9._-]+$/i, { message: 'DKIM_SELECTOR must be a DNS label' })
  DKIM_SELECTOR?: string;

  /** PEM private key; literal \n sequences are turned into newlines. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/-----BEGIN (RSA )?PRIVATE KEY-----/, { message: 'DKIM_PRIVATE_KEY must be a PEM private key' })
  DKIM_PRIVATE_KEY?: string;

  get dkim(): { domainName: string; keySelector: string; privateKey: string } | undefined {
    if (!this.DKIM_DOMAIN || !this.DKIM_SELECTOR || !this.DKIM_PRIVATE_KEY) return undefined;
    return {
      domainName: this.DKIM_DOMAIN,
      keySelector: this.DKIM_SELECTOR,
      privateKey: this.DKIM_PRIVATE_KEY.replace(/\\n/g, '\n'),
    };
  }

  /** How often a worker looks for due event reminders. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  REMINDER_POLL_MS: number = 60_000;

  /** `json` (one JSON object per line, the default) or `pretty` (for a human at a terminal). */
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /** Append log lines to this file instead of writing them to stdout. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  /**
   * Bearer token of GET /metrics on the API port; the route does not exist while it is unset (and
   * METRICS_PORT is the way to scrape a worker-only process).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /** Serves GET /metrics without a token on 127.0.0.1:METRICS_PORT (0 picks a free port). Unset: off. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'warn';

  /**
   * Where client addresses (rate limits, sign-in throttling) come from behind a reverse proxy:
   * `true` believes the whole X-Forwarded-For (only behind a proxy that overwrites it); a hop
   * count 1–9 believes only that many proxies from the right, so with proxies that append to the
   * header a client cannot choose its own address by sending one.
   */
  @Matches(/^(true|false|[1-9])$/)
  TRUST_PROXY: string = 'false';

  /** Fastify's `trustProxy`: everything, nothing, or a number of proxy hops. */
  get trustProxy(): boolean | number {
    return this.TRUST_PROXY === 'true'
      ? true
      : this.TRUST_PROXY === 'false'
        ? false
        : Number(this.TRUST_PROXY);
  }

  get publicBaseUrl(): string {
    return (this.PUBLIC_BASE_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  get mailFrom(): string {
    return this.MAIL_FROM ?? `Hearth <no-reply@${this.INBOUND_DOMAIN}>`;
  }

  get secureCookies(): boolean {
    return this.publicBaseUrl.startsWith('https://');
  }

  get runsApi(): boolean {
    return this.HEARTH_ROLE !== 'worker';
  }

  get runsWorker(): boolean {
    return this.HEARTH_ROLE !== 'api';
  }

  /** The signing secret, once boot has resolved it (config/runtime.ts generates it for the embedded mode). */
  get signingSecret(): string {
    if (!this.SIGNING_SECRET) throw new ConfigError(['SIGNING_SECRET is required']);
    return this.SIGNING_SECRET;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export type RawEnv = Record<string, string | undefined>;

/**
 * Every variable Env declares (with or without a default), read from its validation metadata, so an
 * optional variable added later is never dropped by a hand-kept list.
 */
export function envVariableNames(): string[] {
  return [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(Env, '', true, false)
        .map((m) => m.propertyName),
    ),
  ];
}

/** Validates a raw variable map. Unknown variables are ignored; messages name variables, never values. */
export function loadEnv(raw: RawEnv): Env {
  const picked: RawEnv = {};
  for (const key of envVariableNames()) {
    if (raw[key] !== undefined) picked[key] = raw[key];
  }
  const env = plainToInstance(Env, picked);
  const errors = validateSync(env, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? { invalid: `${e.property} is invalid` })),
    );
  }
  const dkimSet = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY].filter(Boolean).length;
  if (dkimSet !== 0 && dkimSet !== 3) {
    throw new ConfigError(['DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY must be set together']);
  }
  // One late heartbeat must not cost a live worker its claim.
  if (env.OUTBOX_HEARTBEAT_MS * 2 > env.OUTBOX_LEASE_MS) {
    throw new ConfigError(['OUTBOX_HEARTBEAT_MS must be at most half of OUTBOX_LEASE_MS']);
  }
  if (Boolean(env.INBOUND_SMTP_TLS_KEY) !== Boolean(env.INBOUND_SMTP_TLS_CERT)) {
    throw new ConfigError(['INBOUND_SMTP_TLS_KEY and INBOUND_SMTP_TLS_CERT must be set together']);
  }
  return env;
}

/** The process environment, read once, here only. */
export function processEnv(): RawEnv {
  return { ...process.env };
}
