/** Gives the C heap's free pages back to the system: true when some were, false when none; null: unavailable. */
export function trim(): boolean | null;
/** Whether the addon was built (it needs a C compiler and glibc). */
export const available: boolean;
