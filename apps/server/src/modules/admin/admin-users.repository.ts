import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, max, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import {
  auditEvents,
  cardAccounts,
  cooperativeStaff,
  grants,
  notifications,
  platformStaff,
  privacyConsents,
  sessions,
  users,
} from '../../db/schema/index.js';
import { appendEvent, appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { SessionCache } from '../sessions/session-cache.js';

/** A member as the platform admin sees them: metadata only. */
export interface AdminUserRow {
  id: string;
  createdAt: Date;
  lockedAt: Date | null;
  deletionDueAt: Date | null;
  totpEnabledAt: Date | null;
  liveSessions: number;
  lastSignInAt: Date | null;
}

const live = and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`));

/**
 * Members for the platform admin, found by the e-mail's HMAC lookups only (no listing of
 * addresses), locked (and signed out) and unlocked, and signed out everywhere, each change with
 * its audit event in one transaction.
 */
@Injectable()
export class AdminUsersRepository {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(SessionCache) private readonly cache: SessionCache,
  ) {}

  /** Revokes every session of the member not revoked yet, in `tx`; the ids it revoked. */
  private async endSessionsOf(tx: AppDatabase, userId: string, reason: string): Promise<string[]> {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    const ids = rows.map((row) => row.id);
    this.cache.forget(...ids);
    return ids;
  }

  async findByLookups(lookups: string[]): Promise<AdminUserRow | undefined> {
    const [row] = await this.database.primary
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.emailLookup, lookups));
    return row ? this.find(row.id) : undefined;
  }

  async find(userId: string): Promise<AdminUserRow | undefined> {
    const [user] = await this.database.primary
      .select({
        id: users.id,
        createdAt: users.createdAt,
        lockedAt: users.lockedAt,
        deletionDueAt: users.deletionDueAt,
        totpEnabledAt: users.totpEnabledAt,
      })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) return undefined;
    const [stats] = await this.database.primary
      .select({
        liveSessions: sql<number>`(count(*) filter (where ${live}))::int`,
        lastSignInAt: max(sessions.createdAt),
      })
      .from(sessions)
      .where(eq(sessions.userId, userId));
    return {
      ...user,
      liveSessions: stats?.liveSessions ?? 0,
      lastSignInAt: stats?.lastSignInAt ?? null,
    };
  }

  /**
   * Locks the account unless it already is and ends its sessions, with the audit event, in one
   * transaction; the ids of the sessions it ended, or undefined for an unknown or already
   * locked member (nothing written).
   */
  async lock(userId: string, event: PendingEvent): Promise<string[] | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const rows = await tx
        .update(users)
        .set({ lockedAt: sql`now()` })
        .where(and(eq(users.id, userId), isNull(users.lockedAt)))
        .returning({ eventId: appendEventSql(users.id, event.draft, event.ipSealed) });
      if (rows.length === 0) return undefined;
      return this.endSessionsOf(tx, userId, 'locked');
    });
  }

  /**
   * Ends every session of the member and appends the audit event `eventFor` makes of how many
   * it ended, in one transaction: both commit, or neither. The ids of the sessions it ended, or
   * undefined for an unknown member.
   */
  async endSessions(
    userId: string,
    reason: string,
    eventFor: (count: number) => PendingEvent,
  ): Promise<string[] | undefined> {
    return this.database.primary.transaction(async (tx) => {
      // The member's row, locked: a concurrent deletion waits (or it is gone already).
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.id, userId))
        .for('update');
      if (!user) return undefined;
      const ended = await this.endSessionsOf(tx, userId, reason);
      const event = eventFor(ended.length);
      await appendEvent(tx, userId, event);
      return ended;
    });
  }

  async unlock(userId: string, event: PendingEvent): Promise<boolean> {
    const rows = await this.database.primary
      .update(users)
      .set({ lockedAt: null })
      .where(and(eq(users.id, userId), isNotNull(users.lockedAt)))
      .returning({ eventId: appendEventSql(users.id, event.draft, event.ipSealed) });
    return rows.length > 0;
  }

  async exists(userId: string): Promise<boolean> {
    const [row] = await this.database.primary
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, userId));
    return Boolean(row);
  }

  /** Accounts waiting out their 72 hours before deletion, the soonest first. */
  async pendingDeletions(): Promise<{ id: string; deletionDueAt: Date }[]> {
    const rows = await this.database.primary
      .select({ id: users.id, deletionDueAt: users.deletionDueAt })
      .from(users)
      .where(isNotNull(users.deletionDueAt))
      .orderBy(asc(users.deletionDueAt));
    return rows.map((row) => ({ id: row.id, deletionDueAt: row.deletionDueAt! }));
  }

  /**
   * Brings a pending deletion's time to now (the sweep then deletes it); false if none pending.
   * Now to the millisecond: a `Date` taken right after (milliseconds) is not earlier than it, as
   * the database's microseconds could be (the deletion then skipped the account, seen in a run).
   */
  async dueNow(userId: string, event: PendingEvent): Promise<boolean> {
    const rows = await this.database.primary
      .update(users)
      .set({ deletionDueAt: sql`date_trunc('milliseconds', now())` })
      .where(and(eq(users.id, userId), isNotNull(users.deletionDueAt)))
      .returning({ eventId: appendEventSql(users.id, event.draft, event.ipSealed) });
    return rows.length > 0;
  }

  /**
   * A member's server-side records for a data request: metadata columns only, never a key, a
   * hash, a sealed value or a ciphertext (those are not selected at all).
   */
  async exportOf(userId: string) {
    const db = this.database.primary;
    const [account] = await db
      .select({
        user_id: users.id,
        created_at: users.createdAt,
        updated_at: users.updatedAt,
        key_version: users.keyVersion,
        totp_enabled_at: users.totpEnabledAt,
        recovery_kit_confirmed_at: users.recoveryKitConfirmedAt,
        deletion_due_at: users.deletionDueAt,
        email_changed_at: users.emailChangedAt,
        locked_at: users.lockedAt,
      })
      .from(users)
      .where(eq(users.id, userId));
    if (!account) return undefined;
    const [memberSessions, events, memberGrants, accounts, notices, consents, platform, coops] =
      await Promise.all([
        db
          .select({
            id: sessions.id,
            device_name: sessions.deviceName,
            amr: sessions.amr,
            created_at: sessions.createdAt,
            last_used_at: sessions.lastUsedAt,
            expires_at: sessions.expiresAt,
            revoked_at: sessions.revokedAt,
            revoked_reason: sessions.revokedReason,
          })
          .from(sessions)
          .where(eq(sessions.userId, userId))
          .orderBy(asc(sessions.createdAt)),
        db
          .select({
            seq: auditEvents.seq,
            type: auditEvents.type,
            at: auditEvents.at,
            data: auditEvents.data,
          })
          .from(auditEvents)
          .where(eq(auditEvents.subjectId, userId))
          .orderBy(asc(auditEvents.seq)),
        db
          .select({
            coopname: grants.coopname,
            username: grants.username,
            fields: grants.fields,
            generation: grants.generation,
            shared_at: grants.sharedAt,
            last_read_at: grants.lastReadAt,
            read_count: grants.readCount,
            revoked_at: grants.revokedAt,
          })
          .from(grants)
          .where(eq(grants.userId, userId))
          .orderBy(asc(grants.sharedAt)),
        db
          .select({
            coopname: cardAccounts.coopname,
            username: cardAccounts.username,
            public_key: cardAccounts.publicKey,
            created_at: cardAccounts.createdAt,
            closed_at: cardAccounts.closedAt,
          })
          .from(cardAccounts)
          .where(eq(cardAccounts.userId, userId))
          .orderBy(asc(cardAccounts.createdAt)),
        db
          .select({
            type: notifications.type,
            coopname: notifications.coopname,
            data: notifications.data,
            created_at: notifications.createdAt,
            read_at: notifications.readAt,
          })
          .from(notifications)
          .where(eq(notifications.userId, userId))
          .orderBy(desc(notifications.createdAt)),
        db
          .select({
            policy_version: privacyConsents.policyVersion,
            accepted_at: privacyConsents.acceptedAt,
          })
          .from(privacyConsents)
          .where(eq(privacyConsents.userId, userId))
          .orderBy(asc(privacyConsents.acceptedAt)),
        db
          .select({ role: platformStaff.role })
          .from(platformStaff)
          .where(eq(platformStaff.userId, userId)),
        db
          .select({
            coopname: cooperativeStaff.coopname,
            role: cooperativeStaff.role,
            created_at: cooperativeStaff.createdAt,
          })
          .from(cooperativeStaff)
          .where(eq(cooperativeStaff.userId, userId)),
      ]);
    return {
      account,
      sessions: memberSessions,
      auditEvents: events,
      grants: memberGrants,
      accounts,
      notifications: notices,
      consents,
      platformRole: platform[0]?.role ?? null,
      cooperativeRoles: coops,
    };
  }
}
