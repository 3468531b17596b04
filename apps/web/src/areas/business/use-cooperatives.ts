import type { MyCooperative } from '@cardcoop/contracts';
import { useQuery } from '@tanstack/react-query';
import { scopeOf } from '../id/security/security-queries';
import { useMember } from '../id/session/require-unlocked';
import { useBusiness } from './use-business';

/** A cooperative the member works for, with their role in it. */
export type StaffCooperative = MyCooperative;

/** The cache key of the member's cooperatives, per session (see scopeOf). */
export const cooperativesKey = (scope: number) => ['business', scope, 'cooperatives'];

/** The cooperatives the signed-in member works for (`business.cooperatives.list`). */
export function useCooperatives() {
  const member = useMember();
  const business = useBusiness();
  return useQuery({
    queryKey: cooperativesKey(scopeOf(member)),
    queryFn: () => business.cooperatives(),
  });
}
