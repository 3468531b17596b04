// The centre tells the header's bell that it marked notices read (the server sends no event
// for that), so the count follows without waiting for the next notice.
const listeners = new Set<() => void>();

/** Calls `listener` whenever this tab marked notifications read; returns the unsubscribe. */
export function onUnreadChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function unreadChanged(): void {
  for (const listener of listeners) listener();
}
