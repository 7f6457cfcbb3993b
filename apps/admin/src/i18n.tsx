import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  ADMIN_MESSAGES,
  LANGUAGES,
  appTime,
  formatCalendarDate,
  formatDateTime,
  formatRange,
  isRtl,
  translator as areaTranslator,
  type MessageKey as AreaKey,
  type MessageValues,
} from '@app/i18n';
import type { Locale } from './api';

/*
 * The admin app's words come from the `admin` catalogues of @app/i18n (libs/i18n/messages/admin/<lang>.json,
 * ICU MessageFormat), its dates and ranges from the lib's one formatter. This file keeps the React side:
 * the language and zone in a context, and the hook the screens use.
 */

export type MessageKey = AreaKey<typeof ADMIN_MESSAGES>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export const LOCALES: readonly Locale[] = LANGUAGES;

export const toLocale = (value: string | null | undefined): Locale => (value === 'ar' ? 'ar' : 'en');

export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (isRtl(locale) ? 'rtl' : 'ltr');

export const translator = (locale: Locale): Translate => areaTranslator(ADMIN_MESSAGES, locale);

interface I18n {
  locale: Locale;
  t: Translate;
  /** The reader's IANA zone (their profile's), when known. */
  timeZone: string | undefined;
  /** Dates and times in the reader's language and time zone. */
  formatDateTime: (iso: string | null | undefined) => string;
  /** An event's start and end as it happens where it happens: "Thu, 3 Dec 2026, 19:00–20:30 GMT". */
  formatEventRange: (startIso: string, endIso: string, zone: string) => string;
  /** A calendar day (YYYY-MM-DD) in words: "28 March 2027". */
  formatDay: (date: string) => string;
}

const I18nContext = createContext<I18n>({
  locale: 'en',
  t: translator('en'),
  timeZone: undefined,
  formatDateTime: (iso) => iso ?? '',
  formatEventRange: (a, b) => `${a} – ${b}`,
  formatDay: (date) => date,
});

const validDate = (iso: string): Date | null => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

function i18nFor(locale: Locale, timeZone: string | undefined): I18n {
  // Without a profile zone, the browser's own.
  const reader = appTime(locale, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  return {
    locale,
    t: translator(locale),
    timeZone,
    formatEventRange: (startIso, endIso, zone) => {
      const [start, end] = [validDate(startIso), validDate(endIso)];
      return start && end
        ? formatRange(appTime(locale, zone), start, end, 'compact')
        : `${startIso} – ${endIso}`;
    },
    formatDay: (date) => formatCalendarDate(locale, date),
    formatDateTime: (iso) => {
      if (!iso) return '—';
      const date = validDate(iso);
      return date ? formatDateTime(reader, date, 'medium') : iso;
    },
  };
}

export function I18nProvider({
  locale,
  timeZone,
  children,
}: {
  locale: Locale;
  timeZone?: string;
  children: ReactNode;
}) {
  const value = useMemo(() => i18nFor(locale, timeZone), [locale, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);
