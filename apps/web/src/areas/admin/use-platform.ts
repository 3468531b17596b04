import { CardCoopError } from '@cardcoop/sdk';
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

const isForbidden = (error: unknown) =>
  error instanceof CardCoopError && (error.status === 403 || error.code === 'FORBIDDEN');

/**
 * The member's platform role. No endpoint tells it, so the first calls decide: the staff list
 * answers platform admins only, the review queue operator reviewers too; 403 on both is none.
 */
export function usePlatformRole() {
  const { platform } = usePlatform();
  return useQuery({
    // Dropped as soon as /admin is left (gcTime 0): another member signing in asks again.
    queryKey: ['admin', 'role'],
    queryFn: async (): Promise<PlatformRole> => {
      try {
        await platform.staff.list();
        return 'platform_admin';
      } catch (error) {
        if (!isForbidden(error)) throw error;
      }
      try {
        await platform.applications.list();
        return 'operator_reviewer';
      } catch (error) {
        if (isForbidden(error)) return 'none';
        throw error;
      }
    },
    retry: false,
    gcTime: 0,
    staleTime: 0,
  });
}
