// The public surface of @app/core, by name (never `export *`): anything not listed here is internal.
export { BackupError, backupHearth, restoreHearth } from './backup/backup';
export { ConfigError, Env, envVariableNames, loadEnv, processEnv, type RawEnv } from './config/env';
export { type Runtime, resolveRuntime } from './config/runtime';
export { CoreModule, type CoreModuleOptions } from './core.module';
export { buildDataSourceOptions, type SchemaDefinition } from './database/data-source-options';
export { runMigrations } from './database/migrate';
export { FreshReads } from './database/fresh-reads';
export { type BatchOutcome, KeyedBatches } from './database/keyed-batches';
export {
  execute,
  preparedQuery,
  preparedRows,
  preparedStatement,
  queryRows,
  statementName,
} from './database/sql';
export {
  DATABASE_READ_RETRY_DELAY_MS,
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailable,
  type DatabaseUnavailable,
} from './database/unavailable';
export {
  type CoreErrorCode,
  DomainError,
  isForeignKeyViolation,
  isRetryableTransactionFailure,
  isUniqueViolation,
  notFound,
} from './errors/domain-error';
export {
  logDestination,
  type LogDestination,
  pinoLevel,
  PinoNestLogger,
  REDACTED_PATHS,
  requestIdFrom,
} from './logging/logging';
export { MetricsService } from './metrics/metrics.service';
export {
  clampLimit,
  cursorAtSql,
  decodeCursor,
  encodeCursor,
  type KeysetCursor,
  MAX_PAGE_SIZE,
  type Page,
  toPage,
} from './pagination/pagination';
export { RateLimiterService } from './rate-limit/rate-limiter.service';
export { signToken, verifyToken } from './security/signed-token';
export { constantTimeEqual, hashToken, randomToken } from './security/tokens';
export { escapeHtml } from './text/html';
export { isUuid } from './text/uuid';
export { addMs, Clock } from './time/clock';
export {
  describeLocalTimeProblem,
  formatUtcOffset,
  LocalDateTime,
  type LocalTimeResolution,
  resolveLocalTime,
} from './time/local-time';
export { isIanaTimeZone } from './time/timezones';
export { RSVP_ANSWERS, RSVP_STATUSES, type RsvpAnswer, type RsvpStatus } from './vocabulary/rsvp-answers';
export { openMigratedDataSource, typeOrmRoot } from './database/typeorm-root';
