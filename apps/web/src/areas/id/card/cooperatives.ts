import { cooperativeListSchema } from '@cardcoop/contracts';
import type { Cooperative } from '@cardcoop/contracts';
import type { MemberClient } from '@cardcoop/sdk';

/** The active cooperatives, each with the member's account there, if any. */
export async function listCooperatives(member: MemberClient): Promise<Cooperative[]> {
  const answer = await member.session.request('/api/v1/cooperatives');
  return cooperativeListSchema.parse(answer).cooperatives;
}
