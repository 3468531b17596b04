import { Inject, Injectable } from '@nestjs/common';
import type { BusinessMemberList, MembershipStatus } from '@cardcoop/contracts';
import { BusinessMembersRepository } from './business-members.repository.js';

/** The members list of the business panel: names, states and dates, never card values. */
@Injectable()
export class BusinessMembersService {
  constructor(
    @Inject(BusinessMembersRepository) private readonly members: BusinessMembersRepository,
  ) {}

  async list(
    coopname: string,
    query: { status?: MembershipStatus | undefined; cursor?: string | undefined; limit: number },
  ): Promise<BusinessMemberList> {
    const rows = await this.members.list(coopname, { ...query, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      members: page.map((row) => ({
        username: row.username,
        account_status: row.closed ? 'closed' : 'open',
        membership: row.membership,
        fields: row.fields,
        granted_at: row.sharedAt.toISOString(),
        last_read_at: row.lastReadAt?.toISOString() ?? null,
        read_count: row.readCount,
        revoked_at: row.revokedAt?.toISOString() ?? null,
      })),
      next: rows.length > query.limit ? (page.at(-1)?.username ?? null) : null,
    };
  }
}
