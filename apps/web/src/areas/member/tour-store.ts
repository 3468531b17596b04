/** Where this device remembers that the first-run tour was finished or skipped. */
const KEY = 'cardcoop.tour';

/** Whether the tour is still to be shown on this device (storage blocked: not shown). */
export function tourPending(): boolean {
  try {
    return window.localStorage.getItem(KEY) === null;
  } catch {
    return false;
  }
}

/** The member finished or skipped the tour: not shown again on this device. */
export function finishTour(): void {
  try {
    window.localStorage.setItem(KEY, 'done');
  } catch {
    // storage blocked: the tour is not shown anyway (see tourPending)
  }
}

/** "Replay the tour" in Help: the home shows it again. */
export function replayTour(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // storage blocked: nothing to replay
  }
}
