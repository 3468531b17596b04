import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import {
  cooperativeClaims,
  cooperativeStaff,
  cooperatives,
  notificationPreferences,
  staffInvitations,
  users,
} from '../../db/schema/index.js';
import { appendEvent } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';

export type ClaimRow = typeof cooperativeClaims.$inferSelect & { displayName: string };
export type ClaimStatus = ClaimRow['status'];

/** Where and how to mail a member: their sealed address and language. */
export interface MailRecipient {
  userId: string;
  emailSealed: string;
  locale: 'ru' | 'en';
}

export type ConnectResult =
  { kind: 'connected'; cooperative: CooperativeRow } | { kind: 'taken' } | { kind: 'limit' };

const claimColumns = { claim: cooperativeClaims, displayName: cooperatives.displayName };
const toClaim = ({
  claim,
  displayName,
}: {
  claim: typeof cooperativeClaims.$inferSelect;
  displayName: string;
}): ClaimRow => ({
  ...claim,
  displayName,
});

/**
 * Connecting cooperatives and proving their ownership: every change commits with its audit
 * events (and mail) in one transaction.
 */
@Injectable()
export class ClaimsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Inserts an unverified cooperative with `userId` as its owner, unless the coopname exists
   * (`taken`) or the member already owns `limit` unverified ones (`limit`; counted under a lock
   * of the member, so two requests at once cannot both pass).
   */
  connect(
    cooperative: typeof cooperatives.$inferInsert,
    userId: string,
    limit: number,
    event: PendingEvent,
  ): Promise<ConnectResult> {
    return this.database.primary.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`claims:${userId}`}, 0))`,
      );
      const [owned] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(cooperativeStaff)
        .innerJoin(cooperatives, eq(cooperatives.coopname, cooperativeStaff.coopname))
        .where(
          and(
            eq(cooperativeStaff.userId, userId),
            eq(cooperativeStaff.role, 'owner'),
            isNull(cooperatives.verifiedAt),
          ),
        );
      if (owned!.count >= limit) return { kind: 'limit' };
      const [row] = await tx
        .insert(cooperatives)
        .values(cooperative)
        .onConflictDoNothing()
        .returning();
      if (!row) return { kind: 'taken' };
      await tx.insert(cooperativeStaff).values({ coopname: row.coopname, userId, role: 'owner' });
      await appendEvent(tx, userId, event);
      return { kind: 'connected', cooperative: row };
    });
  }

  async find(coopname: string): Promise<CooperativeRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(cooperatives)
      .where(eq(cooperatives.coopname, coopname));
    return row;
  }

  /** The cooperative's latest claim, if any. */
  async latestClaim(coopname: string): Promise<ClaimRow | undefined> {
    const [row] = await this.database.primary
      .select(claimColumns)
      .from(cooperativeClaims)
      .innerJoin(cooperatives, eq(cooperatives.coopname, cooperativeClaims.coopname))
      .where(eq(cooperativeClaims.coopname, coopname))
      .orderBy(desc(cooperativeClaims.requestedAt))
      .limit(1);
    return row && toClaim(row);
  }

  /**
   * Ownership proven on chain by `userId`: the cooperative is verified and they are an owner.
   * When it was unverified and the prover held no role in it (a squat of the name), its staff are
   * removed, the open invitations revoked and the client secret replaced by `clientSecretHash`
   * (they knew the old one): `tookOver`. A pending claim is superseded. Undefined for an unknown cooperative.
   */
  proveByChain(
    coopname: string,
    userId: string,
    clientSecretHash: string,
    events: { verified: PendingEvent; removed: PendingEvent },
  ): Promise<{ cooperative: CooperativeRow; removed: string[]; tookOver: boolean } | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(cooperatives)
        .where(eq(cooperatives.coopname, coopname))
        .for('update');
      if (!current) return undefined;
      let removed: string[] = [];
      let tookOver = false;
      if (current.verifiedAt === null) {
        const [held] = await tx
          .select({ userId: cooperativeStaff.userId })
          .from(cooperativeStaff)
          .where(and(eq(cooperativeStaff.coopname, coopname), eq(cooperativeStaff.userId, userId)));
        // Someone else holds the name (a squat): whoever they are, and whatever they knew or sent
        // out, stops counting. Staff the prover had themselves stay.
        tookOver = !held;
      }
      if (tookOver) {
        removed = (
          await tx
            .delete(cooperativeStaff)
            .where(
              and(eq(cooperativeStaff.coopname, coopname), ne(cooperativeStaff.userId, userId)),
            )
            .returning({ userId: cooperativeStaff.userId })
        ).map((row) => row.userId);
        await tx
          .update(staffInvitations)
          .set({ revokedAt: sql`now()` })
          .where(
            and(
              eq(staffInvitations.coopname, coopname),
              isNull(staffInvitations.acceptedAt),
              isNull(staffInvitations.revokedAt),
            ),
          );
      }
      await tx
        .insert(cooperativeStaff)
        .values({ coopname, userId, role: 'owner' })
        .onConflictDoUpdate({
          target: [cooperativeStaff.coopname, cooperativeStaff.userId],
          set: { role: 'owner', updatedAt: sql`now()` },
        });
      await tx
        .update(cooperativeClaims)
        .set({
          status: 'superseded',
          reason: 'ownership proven on chain',
          decidedAt: sql`now()`,
        })
        .where(
          and(eq(cooperativeClaims.coopname, coopname), eq(cooperativeClaims.status, 'pending')),
        );
      const [cooperative] = await tx
        .update(cooperatives)
        .set({
          verifiedAt: sql`now()`,
          verifiedVia: 'chain',
          updatedAt: sql`now()`,
          ...(tookOver ? { clientSecretHash } : {}),
        })
        .where(eq(cooperatives.coopname, coopname))
        .returning();
      await appendEvent(tx, userId, events.verified);
      for (const other of removed) await appendEvent(tx, other, events.removed);
      return { cooperative: cooperative!, removed, tookOver };
    });
  }

  /**
   * A pending claim of the cooperative by `userId` (an existing pending one gets the new note).
   * `verified` when the cooperative is verified already; undefined when it is unknown.
   */
  requestClaim(
    coopname: string,
    userId: string,
    note: string | null,
    event: PendingEvent,
  ): Promise<ClaimRow | 'verified' | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(cooperatives)
        .where(eq(cooperatives.coopname, coopname))
        .for('update');
      if (!current) return undefined;
      if (current.verifiedAt) return 'verified';
      const [pending] = await tx
        .update(cooperativeClaims)
        .set({ note, requestedBy: userId })
        .where(
          and(eq(cooperativeClaims.coopname, coopname), eq(cooperativeClaims.status, 'pending')),
        )
        .returning();
      const claim =
        pending ??
        (
          await tx
            .insert(cooperativeClaims)
            .values({ coopname, requestedBy: userId, note })
            .returning()
        )[0]!;
      await appendEvent(tx, userId, event);
      return { ...claim, displayName: current.displayName };
    });
  }

  /** Claims in `status`, oldest first (the platform admin's queue). */
  async list(status: ClaimStatus, limit: number): Promise<ClaimRow[]> {
    const rows = await this.database.primary
      .select(claimColumns)
      .from(cooperativeClaims)
      .innerJoin(cooperatives, eq(cooperatives.coopname, cooperativeClaims.coopname))
      .where(eq(cooperativeClaims.status, status))
      .orderBy(asc(cooperativeClaims.requestedAt))
      .limit(limit);
    return rows.map(toClaim);
  }

  /**
   * Decides the cooperative's pending claim: approved verifies the cooperative (by the admin),
   * rejected keeps the reason. Audits on the claimant's chain (and the deciding member's), then
   * lets `mail` queue the claimant's mail in the same transaction. Undefined without a pending
   * claim.
   */
  decide(
    coopname: string,
    decision: { status: 'approved' | 'rejected'; reason: string | null; decidedBy: string | null },
    events: { claimant: PendingEvent; actor: PendingEvent | null },
    mail: (tx: AppDatabase, recipient: MailRecipient, displayName: string) => Promise<void>,
  ): Promise<ClaimRow | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const [claim] = await tx
        .update(cooperativeClaims)
        .set({
          status: decision.status,
          reason: decision.reason,
          decidedBy: decision.decidedBy,
          decidedAt: sql`now()`,
        })
        .where(
          and(eq(cooperativeClaims.coopname, coopname), eq(cooperativeClaims.status, 'pending')),
        )
        .returning();
      if (!claim) return undefined;
      if (decision.status === 'approved') {
        await tx
          .update(cooperatives)
          .set({ verifiedAt: sql`now()`, verifiedVia: 'admin', updatedAt: sql`now()` })
          .where(eq(cooperatives.coopname, coopname));
      }
      const [cooperative] = await tx
        .select({ displayName: cooperatives.displayName })
        .from(cooperatives)
        .where(eq(cooperatives.coopname, coopname));
      if (decision.decidedBy && events.actor)
        await appendEvent(tx, decision.decidedBy, events.actor);
      if (claim.requestedBy) {
        await appendEvent(tx, claim.requestedBy, events.claimant);
        const recipient = await this.recipient(tx, claim.requestedBy);
        if (recipient) await mail(tx, recipient, cooperative!.displayName);
      }
      return { ...claim, displayName: cooperative!.displayName };
    });
  }

  private async recipient(tx: AppDatabase, userId: string): Promise<MailRecipient | undefined> {
    const [row] = await tx
      .select({ emailSealed: users.emailSealed, locale: notificationPreferences.locale })
      .from(users)
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(eq(users.id, userId));
    return row && { userId, emailSealed: row.emailSealed, locale: row.locale ?? 'ru' };
  }
}
