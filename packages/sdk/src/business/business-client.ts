import type { MemberClient } from '../member/member-client.js';

/**
 * What a member who works for cooperatives can do in the business panel: each property is one
 * area of the panel, called with the member's own session (roles are checked by the server per
 * cooperative; ADR 019).
 *
 * @example
 * ```ts
 * import { createBusinessClient } from '@cardcoop/sdk/business';
 * const business = createBusinessClient(member);
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- areas are added one per module
export interface BusinessClient {}

export function createBusinessClient(member: Pick<MemberClient, 'session'>): BusinessClient {
  void member;
  return {};
}
