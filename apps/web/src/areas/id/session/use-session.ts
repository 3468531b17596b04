import { useSyncExternalStore } from 'react';
import { sessionStore } from './session-store';
import type { SessionState } from './session-store';

/** The member session of this tab; starts resuming it on first use. */
export function useSession(): SessionState {
  void sessionStore.start();
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot);
}
