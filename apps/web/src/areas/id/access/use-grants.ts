import type { MemberClient } from '@cardcoop/sdk';
import { useCallback, useEffect, useState } from 'react';

/** A grant as the API lists it (the SDK does not re-export the contract's type). */
export type Grant = Awaited<ReturnType<MemberClient['access']['list']>>[number];

export type GrantList =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'loaded'; grants: Grant[] };

/**
 * The member's grants, read for this member only (kept in the component, not in a shared
 * cache another member signing in on this tab could see); `reload` after a change.
 */
export function useGrants(member: MemberClient) {
  const [list, setList] = useState<GrantList>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    member.access.list().then(
      (grants) => current && setList({ status: 'loaded', grants }),
      (error: unknown) => current && setList({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [member, version]);

  const reload = useCallback(() => setVersion((count) => count + 1), []);
  return { list, reload };
}
