import type { MemberClient } from '../member/member-client.js';

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
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- areas are added one per module
export interface PlatformClient {}

export function createPlatformClient(member: Pick<MemberClient, 'session'>): PlatformClient {
  void member;
  return {};
}
