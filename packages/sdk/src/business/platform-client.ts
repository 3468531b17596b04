import type { MemberClient } from '../member/member-client.js';
import { createPlatformClaimsClient } from './claims-client.js';
import type { PlatformClaimsClient } from './claims-client.js';

/**
 * What the platform's own staff (the payment-system operator's reviewers, platform admins) can
 * do in `/admin`, with their member session; the server checks the platform role (ADR 019).
 *
 * @example
 * ```ts
 * import { createPlatformClient } from '@cardcoop/sdk/business';
 * const platform = createPlatformClient(member);
 * ```
 */
export interface PlatformClient {
  /** Ownership claims of cooperatives connected without a chain: approve or reject. */
  readonly claims: PlatformClaimsClient;
}

export function createPlatformClient(member: Pick<MemberClient, 'session'>): PlatformClient {
  return {
    claims: createPlatformClaimsClient(member.session),
  };
}
