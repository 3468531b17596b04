import { createBusinessClient } from '@cardcoop/sdk/business';
import type { BusinessClient } from '@cardcoop/sdk/business';
import { useMemo } from 'react';
import { useMember } from '../../id/session/require-unlocked';

/**
 * The business SDK on the signed-in member's session, for the statistics, members and
 * connection-test screens (each calls its own area of it: `stats`, `members`, `connectionTest`).
 */
export function useBusinessClient(): BusinessClient {
  const member = useMember();
  return useMemo(() => createBusinessClient(member), [member]);
}

/** The member's session, for the CSV the SDK has no call for (`stats.csv`). */
export function useMemberSession() {
  return useMember().session;
}
