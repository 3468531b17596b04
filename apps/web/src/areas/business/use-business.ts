import { createBusinessClient } from '@cardcoop/sdk/business';
import { useMemo } from 'react';
import { useMember } from '../id/session/require-unlocked';
import { businessApi } from './api';
import type { BusinessApi } from './api';

/** The business panel's calls, on the signed-in member's session (roles checked per coop). */
export function useBusiness(): BusinessApi {
  const member = useMember();
  return useMemo(() => businessApi(createBusinessClient(member), member), [member]);
}
