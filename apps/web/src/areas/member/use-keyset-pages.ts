import { useCallback, useState } from 'react';
import { useLoaded } from '../id/card/use-loaded';

/**
 * A list the API pages with a keyset cursor (`next`): the first page through useLoaded (loaded
 * again when `load` changes, dropping the pages shown after it); `loadMore` appends the next page.
 */
export function useKeysetPages<Page extends { next: string | null }, Item>(
  load: (after?: string) => Promise<Page>,
  itemsOf: (page: Page) => Item[],
) {
  const [more, setMore] = useState<{ items: Item[]; next: string | null }>();
  const first = useCallback(() => {
    setMore(undefined);
    return load();
  }, [load]);
  const { state, reload } = useLoaded<Page>(first);
  const [loadingMore, setLoadingMore] = useState(false);

  const next = more ? more.next : state.status === 'ready' ? state.value.next : null;
  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await load(next);
      setMore((previous) => ({
        items: [...(previous?.items ?? []), ...itemsOf(page)],
        next: page.next,
      }));
    } finally {
      setLoadingMore(false);
    }
  };
  /** The items of the first page, then of the pages loaded after it. */
  const itemsWith = (firstPage: Page) => [...itemsOf(firstPage), ...(more?.items ?? [])];

  return { state, reload, next, loadMore, loadingMore, itemsWith };
}
