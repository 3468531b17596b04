import { useQuery, useQueryClient } from '@tanstack/react-query';
import { scopeOf } from '../../id/security/security-queries';
import { useMember } from '../../id/session/require-unlocked';
import { useBusiness } from '../use-business';

/** The cooperative's staff and open invitations; `refresh` after every change. */
export function useStaff(coopname: string) {
  const member = useMember();
  const api = useBusiness();
  const queries = useQueryClient();
  const queryKey = ['business', scopeOf(member), 'staff', coopname];
  const query = useQuery({ queryKey, queryFn: () => api.staff(coopname) });
  const refresh = () => queries.invalidateQueries({ queryKey });
  return { query, refresh };
}
