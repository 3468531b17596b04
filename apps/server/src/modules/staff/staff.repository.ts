import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { cooperatives, cooperativeStaff, staffInvitations, users } from '../../db/schema/index.js';
import type { CooperativeRole } from '../../db/schema/index.js';
import { appendEvent } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type InvitationRow = typeof staffInvitations.$inferSelect;
export type NewInvitation = Omit<
  typeof staffInvitations.$inferInsert,
  'id' | 'createdAt' | 'acceptedAt' | 'acceptedBy' | 'revokedAt'
>;

/** An event to append for `subject` once the change it records has been made. */
export type EventFor<T> = (changed: T) => { subjectId: string; event: PendingEvent };

/** How a change of a staff row ended. */
export type StaffChange =
  | { status: 'changed'; oldRole: CooperativeRole }
  | { status: 'last-owner' }
  | { status: 'not-found' };

const ROLE_ORDER = sql`case ${cooperativeStaff.role} when 'owner' then 0 when 'admin' then 1 else 2 end`;

/** An invitation that can still be accepted (or revoked). */
const open = (now: Date) =>
  and(
    isNull(staffInvitations.acceptedAt),
    isNull(staffInvitations.revokedAt),
    gt(staffInvitations.expiresAt, now),
  );

/**
 * The row `userId` holds in `coopname` may lose its owner role only while another owner stays:
 * the owners are counted under `FOR UPDATE` in the statement that changes the row, so of two
 * concurrent demotions (or removals, or leavings) of the last two owners the second waits for
 * the first, recounts and refuses — a cooperative never ends up without an owner.
 */
const notLastOwner = (coopname: string): SQL =>
  sql`not (${cooperativeStaff.role} = 'owner' and (select count(*) from (select 1 from ${cooperativeStaff} as owners where owners.coopname = ${coopname} and owners.role = 'owner' for update) as locked) = 1)`;

/** A cooperative's staff and invitations; every change commits with its audit event. */
@Injectable()
export class StaffRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  /** The cooperatives a member has a role in, by display name. */
  async cooperativesOf(userId: string) {
    return this.database.primary
      .select({
        coopname: cooperatives.coopname,
        displayName: cooperatives.displayName,
        role: cooperativeStaff.role,
        verifiedAt: cooperatives.verifiedAt,
        status: cooperatives.status,
      })
      .from(cooperativeStaff)
      .innerJoin(cooperatives, eq(cooperatives.coopname, cooperativeStaff.coopname))
      .where(eq(cooperativeStaff.userId, userId))
      .orderBy(asc(cooperatives.displayName), asc(cooperatives.coopname));
  }

  async displayNameOf(coopname: string): Promise<string | undefined> {
    const [row] = await this.database.primary
      .select({ displayName: cooperatives.displayName })
      .from(cooperatives)
      .where(eq(cooperatives.coopname, coopname));
    return row?.displayName;
  }

  /** A member's sealed address (`user:<id>`), to compare with an invitation's lookup. */
  async emailSealedOf(userId: string): Promise<string | undefined> {
    const [row] = await this.database.primary
      .select({ emailSealed: users.emailSealed })
      .from(users)
      .where(eq(users.id, userId));
    return row?.emailSealed;
  }

  /** The staff of a cooperative, owners first, with their sealed addresses. */
  async staffOf(coopname: string) {
    return this.database.primary
      .select({
        userId: cooperativeStaff.userId,
        role: cooperativeStaff.role,
        joinedAt: cooperativeStaff.createdAt,
        emailSealed: users.emailSealed,
      })
      .from(cooperativeStaff)
      .innerJoin(users, eq(users.id, cooperativeStaff.userId))
      .where(eq(cooperativeStaff.coopname, coopname))
      .orderBy(ROLE_ORDER, asc(cooperativeStaff.createdAt));
  }

  /** Invitations of a cooperative still waiting for their addressee, newest first. */
  async openInvitations(coopname: string, now: Date): Promise<InvitationRow[]> {
    return this.database.primary
      .select()
      .from(staffInvitations)
      .where(and(eq(staffInvitations.coopname, coopname), open(now)))
      .orderBy(sql`${staffInvitations.createdAt} desc`);
  }

  /**
   * Replaces any open invitation of the same address (under any lookup key) with a new one, and
   * appends the event and queues the mail (`mail`) in the same transaction.
   */
  async invite(
    row: NewInvitation,
    lookups: string[],
    eventFor: EventFor<InvitationRow>,
    mail: (tx: AppDatabase) => Promise<void>,
  ): Promise<InvitationRow> {
    return this.db.transaction(async (tx) => {
      await tx
        .update(staffInvitations)
        .set({ revokedAt: sql`now()` })
        .where(
          and(
            eq(staffInvitations.coopname, row.coopname),
            inArray(staffInvitations.emailLookup, lookups),
            isNull(staffInvitations.acceptedAt),
            isNull(staffInvitations.revokedAt),
          ),
        );
      const [invitation] = await tx.insert(staffInvitations).values(row).returning();
      await append(tx, eventFor(invitation!));
      await mail(tx);
      return invitation!;
    });
  }

  /** Revokes an open invitation of the cooperative; false when there is none with that id. */
  async revokeInvitation(
    coopname: string,
    id: string,
    eventFor: EventFor<InvitationRow>,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(staffInvitations)
        .set({ revokedAt: sql`now()` })
        .where(
          and(
            eq(staffInvitations.id, id),
            eq(staffInvitations.coopname, coopname),
            isNull(staffInvitations.acceptedAt),
            isNull(staffInvitations.revokedAt),
          ),
        )
        .returning();
      if (!row) return false;
      await append(tx, eventFor(row));
      return true;
    });
  }

  /** An open invitation by its token's hash, with the cooperative's display name. */
  async openInvitation(tokenHash: string, now: Date) {
    const [row] = await this.database.primary
      .select({ invitation: staffInvitations, displayName: cooperatives.displayName })
      .from(staffInvitations)
      .innerJoin(cooperatives, eq(cooperatives.coopname, staffInvitations.coopname))
      .where(and(eq(staffInvitations.tokenHash, tokenHash), open(now)));
    return row;
  }

  /**
   * Spends an open invitation addressed to one of `lookups` and puts the member on the staff
   * with its role (a member already on the staff keeps the role they hold), with the event, in
   * one transaction. Undefined when the invitation is not open or not addressed to the member.
   */
  async accept(
    tokenHash: string,
    member: { userId: string; lookups: string[] },
    now: Date,
    eventFor: EventFor<{ invitation: InvitationRow; role: CooperativeRole; joined: boolean }>,
  ): Promise<{ coopname: string; role: CooperativeRole } | undefined> {
    return this.db.transaction(async (tx) => {
      const [invitation] = await tx
        .update(staffInvitations)
        .set({ acceptedAt: sql`now()`, acceptedBy: member.userId })
        .where(
          and(
            eq(staffInvitations.tokenHash, tokenHash),
            inArray(staffInvitations.emailLookup, member.lookups),
            open(now),
          ),
        )
        .returning();
      if (!invitation) return undefined;
      const inserted = await tx
        .insert(cooperativeStaff)
        .values({ coopname: invitation.coopname, userId: member.userId, role: invitation.role })
        .onConflictDoNothing()
        .returning({ role: cooperativeStaff.role });
      const [current] = inserted.length
        ? inserted
        : await tx
            .select({ role: cooperativeStaff.role })
            .from(cooperativeStaff)
            .where(
              and(
                eq(cooperativeStaff.coopname, invitation.coopname),
                eq(cooperativeStaff.userId, member.userId),
              ),
            );
      const role = current!.role;
      await append(tx, eventFor({ invitation, role, joined: inserted.length === 1 }));
      return { coopname: invitation.coopname, role };
    });
  }

  /**
   * Gives `userId` a new role in `coopname`, refused in the same statement when that would take
   * the cooperative's last owner away; the event commits with it.
   */
  async changeRole(
    coopname: string,
    userId: string,
    role: CooperativeRole,
    eventFor: EventFor<CooperativeRole>,
  ): Promise<StaffChange> {
    return this.db.transaction(async (tx) => {
      const before = tx
        .select({ role: cooperativeStaff.role })
        .from(cooperativeStaff)
        .where(this.row(coopname, userId))
        .as('before');
      const [row] = await tx
        .update(cooperativeStaff)
        .set({ role, updatedAt: sql`now()` })
        .from(before)
        .where(
          and(this.row(coopname, userId), role === 'owner' ? sql`true` : notLastOwner(coopname)),
        )
        .returning({ oldRole: before.role });
      return this.settle(tx, coopname, userId, row?.oldRole, eventFor);
    });
  }

  /** Takes `userId` off the staff, unless they are its last owner (checked in the statement). */
  async remove(
    coopname: string,
    userId: string,
    eventFor: EventFor<CooperativeRole>,
  ): Promise<StaffChange> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .delete(cooperativeStaff)
        .where(and(this.row(coopname, userId), notLastOwner(coopname)))
        .returning({ oldRole: cooperativeStaff.role });
      return this.settle(tx, coopname, userId, row?.oldRole, eventFor);
    });
  }

  private row(coopname: string, userId: string) {
    return and(eq(cooperativeStaff.coopname, coopname), eq(cooperativeStaff.userId, userId));
  }

  /** The event of a change that happened; else why it did not. */
  private async settle(
    tx: AppDatabase,
    coopname: string,
    userId: string,
    oldRole: CooperativeRole | undefined,
    eventFor: EventFor<CooperativeRole>,
  ): Promise<StaffChange> {
    if (oldRole) {
      await append(tx, eventFor(oldRole));
      return { status: 'changed', oldRole };
    }
    const [still] = await tx
      .select({ role: cooperativeStaff.role })
      .from(cooperativeStaff)
      .where(this.row(coopname, userId));
    return still ? { status: 'last-owner' } : { status: 'not-found' };
  }
}

const append = (
  tx: AppDatabase,
  { subjectId, event }: { subjectId: string; event: PendingEvent },
) => appendEvent(tx, subjectId, event);
