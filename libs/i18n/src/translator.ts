import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from './languages';

/** One language's messages of one area: flat keys ("event.going") to ICU MessageFormat strings. */
export type Messages = Readonly<Record<string, string>>;

/** An area's catalogues, one per language; the English file defines the keys. */
export type Catalogues = Readonly<Record<Language, Messages>>;

/** Values a message may interpolate. */
export type MessageValues = Readonly<Record<string, string | number | Date | boolean | null | undefined>>;

/** The keys of an area, taken from its English catalogue. */
export type MessageKey<C extends Catalogues> = keyof C['en'] & string;

/** Formats one message of an area in one language. */
export interface Translate<K extends string> {
  (key: K, values?: MessageValues): string;
  readonly language: Language;
}

// Parsing a message costs far more than formatting it: each one is compiled once per process, on
// first use, and kept (catalogues are small and fixed).
const compiled = new WeakMap<Messages, Map<string, IntlMessageFormat>>();

/** Compiles a message; `ignoreTag` keeps "<" literal text (the page renderer and mails escape it). */
export function compileMessage(message: string, language: Language): IntlMessageFormat {
  return new IntlMessageFormat(message, language, undefined, { ignoreTag: true });
}

function format(messages: Messages, language: Language, key: string, values?: MessageValues): string {
  let cache = compiled.get(messages);
  if (!cache) {
    cache = new Map();
    compiled.set(messages, cache);
  }
  let message = cache.get(key);
  if (!message) {
    const source = messages[key];
    // The catalogue test guarantees every language has every key; a miss is a programming error.
    if (source === undefined) throw new Error(`i18n: no message "${key}" for ${language}`);
    message = compileMessage(source, language);
    cache.set(key, message);
  }
  return String(message.format(values));
}

const translators = new WeakMap<Catalogues, Map<Language, Translate<string>>>();

/** The translator of one area and language, typed by the area's keys; built once and cached. */
export function translator<C extends Catalogues>(
  catalogues: C,
  language: Language,
): Translate<MessageKey<C>> {
  let byLanguage = translators.get(catalogues);
  if (!byLanguage) {
    byLanguage = new Map();
    translators.set(catalogues, byLanguage);
  }
  let translate = byLanguage.get(language);
  if (!translate) {
    const messages = catalogues[language];
    translate = Object.assign(
      (key: string, values?: MessageValues) => format(messages, language, key, values),
      {
        language,
      },
    );
    byLanguage.set(language, translate);
  }
  return translate;
}
