import { useEffect, useRef } from 'react';

/**
 * Moves focus to the element (a heading with `tabIndex={-1}`) when it appears after a step of
 * the member's own (edit, save, cancel), so keyboard and screen reader users land on the new
 * view instead of the top of the page. Not on first load: the page keeps its natural order.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
