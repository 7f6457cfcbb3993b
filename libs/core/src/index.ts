export * from './config/env';
export * from './core.module';
export * from './database/data-source-options';
export * from './database/typeorm-root';
export * from './database/migrate';
export * from './database/sql';
export * from './database/unavailable';
export * from './errors/domain-error';
export * from './logging/logging';
export * from './metrics/metrics.service';
export * from './rate-limit/rate-limiter.service';
export * from './security/signed-token';
export * from './security/tokens';
export * from './text/html';
export { isRtl, type Locale, SUPPORTED_LOCALES, toLocale } from './text/locale';
export * from './time/clock';
export * from './time/timezones';
export {
  LocalDateTime,
  type LocalTimeResolution,
  describeLocalTimeProblem,
  formatUtcOffset,
  resolveLocalTime,
} from './time/local-time';
export * from './pagination/pagination';
export { RSVP_ANSWERS, RSVP_STATUSES, type RsvpAnswer, type RsvpStatus } from './vocabulary/rsvp-answers';
