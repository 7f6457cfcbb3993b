/**
 * Modern IANA names for the old ones that ICU (CLDR) still calls canonical: Node's
 * Intl.supportedValuesOf('timeZone') and resolvedOptions() answer Asia/Calcutta, Europe/Kiev,
 * America/Godthab… while the IANA database (and PostgreSQL) has long named them Asia/Kolkata,
 * Europe/Kyiv, America/Nuuk. Both spellings are accepted everywhere; lists and pages show the
 * modern one. Each modern name here is a Zone (not only a link) in tzdata 2022b and later.
 */
export const TIME_ZONE_ALIASES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
};

/** The modern IANA name of a zone (Asia/Calcutta → Asia/Kolkata); any other name as it is. */
export function modernTimeZone(name: string): string {
  return Object.prototype.hasOwnProperty.call(TIME_ZONE_ALIASES, name) ? TIME_ZONE_ALIASES[name] : name;
}

let known: ReadonlySet<string> | null = null;

/**
 * True only for a zone a person may pick or an alias of one: this runtime's list, the old and modern
 * names of TIME_ZONE_ALIASES, and UTC, spelt exactly. Names the Intl constructor merely tolerates
 * ('US/Pacific-New', 'europe/berlin') are refused: PostgreSQL does not know some of them, and one such
 * stored zone would fail every SQL statement that reads it (the announcements digest reads all).
 */
export function isKnownTimeZone(name: string): boolean {
  if (!known) {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    known = new Set(['UTC', ...all, ...Object.keys(TIME_ZONE_ALIASES), ...Object.values(TIME_ZONE_ALIASES)]);
  }
  return known.has(name);
}

let choices: readonly string[] | null = null;

/**
 * The zones a person may pick, by their modern names, sorted, UTC first: this runtime's list
 * (Intl.supportedValuesOf) with the old names replaced.
 */
export function timeZoneChoices(): readonly string[] {
  if (choices) return choices;
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const modern = new Set(all.map(modernTimeZone));
  modern.delete('UTC');
  choices = ['UTC', ...[...modern].sort()];
  return choices;
}
