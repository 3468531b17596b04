import type { UseQueryResult } from '@tanstack/react-query';
import type { Loaded } from '../id/card/use-loaded';
import type { SectionState } from './home-section';

/** A section's state from what {@link useLoaded} holds. */
export function sectionState<T>(loaded: Loaded<T>, retry: () => void): SectionState<T> {
  if (loaded.status === 'failed') return { status: 'failed', error: loaded.error, retry };
  return loaded;
}

/** A section's state from a query of the app's cache. */
export function queryState<T>(
  query: Pick<UseQueryResult<T>, 'isSuccess' | 'isError' | 'data' | 'error' | 'refetch'>,
): SectionState<T> {
  if (query.isSuccess) return { status: 'ready', value: query.data as T };
  if (query.isError)
    return { status: 'failed', error: query.error, retry: () => void query.refetch() };
  return { status: 'loading' };
}
