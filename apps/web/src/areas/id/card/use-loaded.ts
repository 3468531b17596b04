import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

/**
 * What `load` answers, kept in this component only: decrypted card data and account keys must
 * not outlive the screen in a shared cache. `reload` keeps showing the current value until the
 * new one arrives; `set` replaces it with one the screen already has (after a save).
 */
export function useLoaded<T>(load: () => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [load, attempt]);

  const reload = useCallback(() => {
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    setAttempt((n) => n + 1);
  }, []);
  const set = useCallback((value: T) => setState({ status: 'ready', value }), []);

  return { state, reload, set };
}
