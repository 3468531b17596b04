import { useSyncExternalStore } from 'react';

// Kept apart from session-store.ts (and the SDK it loads), so the app's header can show who is
// signed in without pulling the id area into the shell's first load.
let current: string | undefined;
const listeners = new Set<() => void>();

/** The session store tells who is signed in in this tab (undefined: nobody, or not known). */
export function setSignedInEmail(email: string | undefined): void {
  if (email === current) return;
  current = email;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The e-mail of the member signed in in this tab, once the id area has opened the session. */
export function useSignedInEmail(): string | undefined {
  return useSyncExternalStore(subscribe, () => current);
}
