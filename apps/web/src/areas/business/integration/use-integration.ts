import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BusinessIntegration } from '@cardcoop/contracts';
import { scopeOf } from '../../id/security/security-queries';
import { useMember } from '../../id/session/require-unlocked';
import { useBusiness } from '../use-business';

/** The cooperative's integration settings, shared by the settings and help pages. */
export function useIntegration(coopname: string) {
  const member = useMember();
  const api = useBusiness();
  const queries = useQueryClient();
  const queryKey = ['business', scopeOf(member), 'integration', coopname];
  const query = useQuery({ queryKey, queryFn: () => api.integration(coopname) });
  return {
    query,
    set: (settings: BusinessIntegration) => queries.setQueryData(queryKey, settings),
    reload: () => queries.invalidateQueries({ queryKey }),
  };
}
