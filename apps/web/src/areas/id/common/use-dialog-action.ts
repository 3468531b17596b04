import { useState } from 'react';

/**
 * The state of a confirm dialog's action: progress while `run` works on `item`, then `onDone`,
 * or the failure (translated by `describe`) kept in the dialog next to its button; cancelling
 * clears it.
 */
export function useDialogAction<T>(options: {
  item: T | undefined;
  run: (item: T) => Promise<void>;
  describe: (error: unknown) => string;
  onDone: (item: T) => void;
  onCancel: () => void;
}) {
  const { item, run, describe, onDone, onCancel } = options;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    if (item === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await run(item);
      onDone(item);
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => {
    setError(undefined);
    onCancel();
  };
  return { busy, error, confirm: () => void confirm(), cancel };
}
