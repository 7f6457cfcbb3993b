const canonical = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * True for IANA zone names (Area/Location, or UTC) that this runtime can convert. Abbreviations such
 * as EST or CET are refused: they are ambiguous and calendar clients disagree on them.
 */
export function isIanaTimeZone(name: string): boolean {
  if (name === 'UTC' || canonical.has(name)) return true;
  if (!/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
