import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { MembershipStatus } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { auditEvents, cardAccounts, grants, memberships } from '../../db/schema/index.js';

export interface MembersPage {
  status?: MembershipStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface MemberRow {
  username: string;
  closed: boolean;
  membership: MembershipStatus;
  fields: string[];
  sharedAt: Date;
  lastReadAt: Date | null;
  readCount: number;
  revokedAt: Date | null;
}

/**
 * Confirmed: in the registry now. Ended: not, but its membership was ended once (audited
 * `membership.ended`; found through `audit_events_coop_type_at_idx`). Applicant otherwise.
 */
const membershipState = sql<MembershipStatus>`case
  when ${memberships.username} is not null then 'confirmed'
  when exists (select 1 from ${auditEvents}
    where (${auditEvents.data} ->> 'coopname') = ${grants.coopname}
      and ${auditEvents.type} = 'membership.ended'
      and ${auditEvents.data} ->> 'username' = ${grants.username}) then 'ended'
  else 'applicant' end`;

/** The members who shared with a cooperative: their grants, accounts and memberships. */
@Injectable()
export class BusinessMembersRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** By username, after `cursor`; `limit` rows at most. */
  list(coopname: string, query: MembersPage): Promise<MemberRow[]> {
    return this.listQuery(coopname, query);
  }

  /** The statement of {@link list} (for EXPLAIN in the tests). */
  listQuery(coopname: string, query: MembersPage) {
    return this.database.primary
      .select({
        username: grants.username,
        closed: sql<boolean>`(${cardAccounts.closedAt} is not null or ${cardAccounts.userId} is null)`,
        membership: membershipState,
        fields: grants.fields,
        sharedAt: grants.sharedAt,
        lastReadAt: grants.lastReadAt,
        readCount: grants.readCount,
        revokedAt: grants.revokedAt,
      })
      .from(grants)
      .innerJoin(cardAccounts, eq(cardAccounts.username, grants.username))
      .leftJoin(
        memberships,
        and(eq(memberships.coopname, grants.coopname), eq(memberships.username, grants.username)),
      )
      .where(
        and(
          eq(grants.coopname, coopname),
          query.cursor === undefined ? undefined : gt(grants.username, query.cursor),
          query.status === undefined ? undefined : sql`${membershipState} = ${query.status}`,
        ),
      )
      .orderBy(asc(grants.username))
      .limit(query.limit);
  }
}
