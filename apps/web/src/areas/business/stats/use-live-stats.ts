import type { BusinessStatsEvent } from '@cardcoop/contracts';
import { useEffect, useState } from 'react';
import { useBusinessClient } from './business-client';

export type LiveCounts = Record<BusinessStatsEvent['kind'], number>;

const NONE: LiveCounts = { consent: 0, read: 0, revoke: 0 };

/**
 * The cooperative's events as they happen (`business.stats.live`), counted since the page
 * opened; `onEvent` runs on each (to reload the numbers). Stops when the page closes.
 */
export function useLiveStats(coopname: string, onEvent: () => void) {
  const business = useBusinessClient();
  const [counts, setCounts] = useState<LiveCounts>(NONE);
  const [last, setLast] = useState<Date>();
  useEffect(() => {
    return business.stats.live(coopname, ({ kind }) => {
      setCounts((previous) => ({ ...previous, [kind]: previous[kind] + 1 }));
      setLast(new Date());
      onEvent();
    });
  }, [business, coopname, onEvent]);
  return { counts, last };
}
