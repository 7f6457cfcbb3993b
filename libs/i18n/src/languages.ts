/** The languages Hearth speaks. Every catalogue area has one file per language. */
export const LANGUAGES = ['en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A supported language from a tag or header value ("ar-EG", "en_GB", "fr" → "en"). */
export function toLanguage(value: string | null | undefined): Language {
  const base = (value ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

export const isRtl = (language: Language): boolean => language === 'ar';
