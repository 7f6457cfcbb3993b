export { FSI, PDI, isolate, isolatesToBdi, withoutIsolates } from './bidi';
export { ADMIN_MESSAGES, MAIL_MESSAGES, PAGE_MESSAGES } from './catalogues';
export {
  appLocale,
  appTime,
  dateTile,
  formatCalendarDate,
  formatDateTime,
  formatRange,
  formatRangeWithZone,
  isZoneName,
  sameWallClock,
  timeContext,
} from './format-time';
export type { TimeContext, TimeStyle } from './format-time';
export { LANGUAGES, isRtl, toLanguage } from './languages';
export type { Language } from './languages';
export { compileMessage, translator } from './translator';
export type { Catalogues, MessageKey, MessageValues, Messages, Translate } from './translator';
export { TIME_ZONE_ALIASES, isKnownTimeZone, modernTimeZone, timeZoneChoices } from './time-zones';
