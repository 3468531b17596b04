import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { cooperatives, testShares } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { acceptedSecretVersionSql } from '../cooperatives/cooperatives.repository.js';

export type TestShareRow = typeof testShares.$inferSelect;
export type NewTestShare = Pick<
  TestShareRow,
  'coopname' | 'ticketHash' | 'redirectUri' | 'codeChallenge' | 'envelope' | 'expiresAt'
> & { memberPublicKey: string };

/** A cooperative's test runs older than this are deleted when it starts a new one. */
const KEEP_MS = 86_400_000;

/**
 * The shares "Test connection" makes: written with the staff member's audit event, redeemed
 * once by the cooperative's callback, read with its token — recorded on the row, never as a
 * grant, a consent or a read in the statistics.
 */
@Injectable()
export class TestSharesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  /** Stores a run with the acting staff member's event (one transaction); drops old runs. */
  async create(share: NewTestShare, actor: { userId: string; event: PendingEvent }) {
    return this.db.transaction(async (tx) => {
      await tx
        .delete(testShares)
        .where(
          and(
            eq(testShares.coopname, share.coopname),
            lt(testShares.createdAt, new Date(Date.now() - KEEP_MS)),
          ),
        );
      const [row] = await tx
        .insert(testShares)
        .values(share)
        .returning({
          id: testShares.id,
          auditEventId: appendEventSql(
            sql`${actor.userId}::uuid`,
            actor.event.draft,
            actor.event.ipSealed,
          ),
        });
      return row!.id;
    });
  }

  async byTicket(ticketHash: string): Promise<TestShareRow | undefined> {
    const [row] = await this.db
      .select()
      .from(testShares)
      .where(eq(testShares.ticketHash, ticketHash));
    return row;
  }

  async find(id: string): Promise<TestShareRow | undefined> {
    const [row] = await this.db.select().from(testShares).where(eq(testShares.id, id));
    return row;
  }

  /** Marks the ticket exchanged once: false when another exchange got there first. */
  async redeem(id: string): Promise<boolean> {
    const rows = await this.db
      .update(testShares)
      .set({ exchangedAt: sql`now()` })
      .where(and(eq(testShares.id, id), isNull(testShares.exchangedAt)))
      .returning({ id: testShares.id });
    return rows.length === 1;
  }

  /**
   * The cooperative reads the test share its token names, while it is active and its secret the
   * one the token was issued under (as a grant's read checks).
   */
  async read(
    id: string,
    scope: { coopname: string; secretVersion: string },
  ): Promise<TestShareRow | undefined> {
    const [row] = await this.db
      .update(testShares)
      .set({ readAt: sql`coalesce(${testShares.readAt}, now())` })
      .where(
        and(
          eq(testShares.id, id),
          eq(testShares.coopname, scope.coopname),
          isNotNull(testShares.exchangedAt),
          isNull(testShares.burnedAt),
          sql`exists (select 1 from ${cooperatives} where ${cooperatives.coopname} = ${testShares.coopname} and ${cooperatives.status} = 'active' and ${acceptedSecretVersionSql(sql`${scope.secretVersion}`)})`,
        ),
      )
      .returning();
    return row;
  }

  /** A replayed ticket burns its token, as a grant's does: the run reads nothing any more. */
  async burn(id: string): Promise<void> {
    await this.db
      .update(testShares)
      .set({ burnedAt: sql`now()` })
      .where(eq(testShares.id, id));
  }
}
