import { createBusinessClient } from '@cardcoop/sdk/business';
import type { ApplicationsClient } from '@cardcoop/sdk/business';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationState } from '@cardcoop/contracts';
import { useMemo } from 'react';
import { scopeOf } from '../../id/security/security-queries';
import { useMember } from '../../id/session/require-unlocked';

/** `business.applications` of the SDK on the signed-in member's session. */
export function useApplicationsClient(): ApplicationsClient {
  const member = useMember();
  return useMemo(() => createBusinessClient(member).applications, [member]);
}

/**
 * The cooperative's level and latest application; `put` stores an answer of a change (the
 * application it returns) without asking again, `refresh` asks again.
 */
export function useApplication(coopname: string) {
  const member = useMember();
  const client = useApplicationsClient();
  const queries = useQueryClient();
  const queryKey = ['business', scopeOf(member), 'application', coopname];
  const query = useQuery({ queryKey, queryFn: () => client.get(coopname) });
  const put = (application: NonNullable<ApplicationState['application']>) =>
    queries.setQueryData<ApplicationState>(queryKey, (state) =>
      state ? { ...state, application } : state,
    );
  const refresh = () => queries.invalidateQueries({ queryKey, exact: true });
  return { query, put, refresh };
}
