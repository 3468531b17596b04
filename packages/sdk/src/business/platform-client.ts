import type { MemberClient } from '../member/member-client.js';
import { createReviewClient } from './review-client.js';
import type { ReviewClient } from './review-client.js';
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
  /** The operator's review queue of applications for the extended level. */
  readonly applications: ReviewClient;
  /** Ownership claims of cooperatives connected without a chain: approve or reject. */
  readonly claims: PlatformClaimsClient;
}

export function createPlatformClient(member: Pick<MemberClient, 'session'>): PlatformClient {
  return {
    applications: createReviewClient(member.session),
    claims: createPlatformClaimsClient(member.session),
  };
}
