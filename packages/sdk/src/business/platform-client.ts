import { myPlatformRoleSchema } from '@cardcoop/contracts';
import type { PlatformRoleName } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberClient } from '../member/member-client.js';
import { createPlatformAuditClient } from './platform-audit.js';
import type { PlatformAuditClient } from './platform-audit.js';
import { createPlatformCooperativesClient } from './platform-cooperatives.js';
import type { PlatformCooperativesClient } from './platform-cooperatives.js';
import { createPlatformHealthClient } from './platform-health.js';
import type { PlatformHealthClient } from './platform-health.js';
import { createPlatformMaintenanceClient } from './platform-maintenance.js';
import type { PlatformMaintenanceClient } from './platform-maintenance.js';
import { createPlatformStaffClient } from './platform-staff.js';
import type { PlatformStaffClient } from './platform-staff.js';
import { createPlatformUsersClient } from './platform-users.js';
import type { PlatformUsersClient } from './platform-users.js';
import { createReviewClient } from './review-client.js';
import type { ReviewClient } from './review-client.js';
import { createPlatformClaimsClient } from './claims-client.js';
import type { PlatformClaimsClient } from './claims-client.js';
import { createPlatformVirtualCardsClient } from './platform-virtual-cards.js';
import type { PlatformVirtualCardsClient } from './platform-virtual-cards.js';

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
  /** The signed-in member's own platform role, or null (any member may ask). */
  myRole(): Promise<PlatformRoleName | null>;
  /** The operator's review queue of applications for the extended level. */
  readonly applications: ReviewClient;
  /** Ownership claims of cooperatives connected without a chain: approve or reject. */
  readonly claims: PlatformClaimsClient;
  /** Platform staff: who holds a platform role (platform admins change it). */
  readonly staff: PlatformStaffClient;
  /** Members found by exact e-mail: lock, unlock, end sessions, audit, export, deletions. */
  readonly users: PlatformUsersClient;
  /** The whole audit log and its hash-chain and checkpoint verification. */
  readonly audit: PlatformAuditClient;
  /** Planned maintenance announced to every member. */
  readonly maintenance: PlatformMaintenanceClient;
  /** The registry of cooperatives. */
  readonly cooperatives: PlatformCooperativesClient;
  /** Database, cache, mail, job queue and version. */
  readonly health: PlatformHealthClient;
  /** Virtual cards: the master account, funding, allocation, reconciliation, reports. */
  readonly virtualCards: PlatformVirtualCardsClient;
}

export function createPlatformClient(member: Pick<MemberClient, 'session'>): PlatformClient {
  return {
    myRole: async () =>
      parseResponse(
        myPlatformRoleSchema,
        await member.session.request('/api/v1/admin/my-role'),
        'platform role',
      ).role,
    applications: createReviewClient(member.session),
    claims: createPlatformClaimsClient(member.session),
    staff: createPlatformStaffClient(member.session),
    users: createPlatformUsersClient(member.session),
    audit: createPlatformAuditClient(member.session),
    maintenance: createPlatformMaintenanceClient(member.session),
    cooperatives: createPlatformCooperativesClient(member.session),
    health: createPlatformHealthClient(member.session),
    virtualCards: createPlatformVirtualCardsClient(member.session),
  };
}
