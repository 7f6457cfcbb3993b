import { createContext, useContext } from 'react';
import type { User } from './api';

export interface Session {
  user: User;
  /** Replace the signed-in user after a profile change (locale and time zone apply at once). */
  setUser: (user: User) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; screens behind sign-in only. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}
