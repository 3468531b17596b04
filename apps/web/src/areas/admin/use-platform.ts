import type { MemberClient } from '@cardcoop/sdk';
import { createPlatformClient } from '@cardcoop/sdk/business';
import type { PlatformClient } from '@cardcoop/sdk/business';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useMember } from '../id/session/require-unlocked';

export interface Platform {
  platform: PlatformClient;
  /** For step-up (`member.stepUp`). */
  member: MemberClient;
}

/** The platform's administration calls, on the signed-in member's session. */
export function usePlatform(): Platform {
  const member = useMember();
  return useMemo(() => ({ platform: createPlatformClient(member), member }), [member]);
}

export type PlatformRole = 'platform_admin' | 'operator_reviewer' | 'none';

/** The member's platform role, as the server tells the member themself. */
export function usePlatformRole() {
  const { platform } = usePlatform();
  return useQuery({
    // Dropped as soon as /admin is left (gcTime 0): another member signing in asks again.
    queryKey: ['admin', 'role'],
    queryFn: async (): Promise<PlatformRole> => (await platform.myRole()) ?? 'none',
    retry: false,
    gcTime: 0,
    staleTime: 0,
  });
}
