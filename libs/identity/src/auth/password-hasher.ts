import * as argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes) keeps a login well under 100 ms on a small server.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the account does not exist, so both paths cost the same. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-hearth');
  return dummy;
}

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Use at least 10 characters';
  if (password.length > 256) return 'Use at most 256 characters';
  return null;
}
