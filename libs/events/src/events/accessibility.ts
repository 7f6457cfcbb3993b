/**
 * Accessibility as the organizer stated it. Each feature is true ("yes"), false ("no") or absent
 * ("not stated"): nothing is ever assumed, so an event cannot claim access its venue lacks because a
 * form or a default said so. Stored as jsonb holding only the stated features.
 */
export const ACCESSIBILITY_FEATURES = [
  'stepFreeAccess',
  'accessibleToilet',
  'allGenderToilet',
  'quietRoom',
  'seating',
  'signLanguageOnRequest',
  'captionsOnRequest',
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/** What is stored: only what was stated. */
export type Accessibility = { [F in AccessibilityFeature]?: boolean } & { notes?: string };

/** What an organizer sends: null (or leaving a feature out) means "not stated". */
export type AccessibilityInput = { [F in AccessibilityFeature]?: boolean | null } & { notes?: string | null };

/** What every reader gets: each feature answered, null where nothing was said. */
export type AccessibilityStatement = { [F in AccessibilityFeature]: boolean | null } & {
  notes: string | null;
};

/** Keeps only what was stated (true or false, non-blank notes). */
export function statedAccessibility(input: AccessibilityInput | null | undefined): Accessibility {
  const stated: Accessibility = {};
  for (const f of ACCESSIBILITY_FEATURES) {
    const v = input?.[f];
    if (v === true || v === false) stated[f] = v;
  }
  const notes = input?.notes?.trim();
  if (notes) stated.notes = notes;
  return stated;
}

/** Every feature answered: true, false, or null for "not stated" (also for anything malformed). */
export function accessibilityStatement(stored: Accessibility | null | undefined): AccessibilityStatement {
  const statement = { notes: null } as AccessibilityStatement;
  for (const f of ACCESSIBILITY_FEATURES) {
    const v: unknown = stored?.[f];
    statement[f] = v === true || v === false ? v : null;
  }
  const notes: unknown = stored?.notes;
  statement.notes = typeof notes === 'string' && notes.trim() ? notes : null;
  return statement;
}
