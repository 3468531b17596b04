import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { sessions, totpBackupCodes, users } from '../../db/schema/index.js';
import { draftEvent } from '../audit/audit-draft.js';
import type { AuditData } from '../audit/audit-hash.js';
import { appendEvent, appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { SessionCache } from '../sessions/session-cache.js';

export interface TotpState {
  emailSealed: string;
  secretSealed: string | null;
  pendingSealed: string | null;
  enabled: boolean;
  failures: number;
  lockedUntil: Date | null;
}

export type BackupCodeRow = typeof totpBackupCodes.$inferSelect;

/** What commits with a change of the second factor: its audit event and, if any, its mail. */
export interface Committed {
  event: { type: string; data?: AuditData; ipSealed: string | null };
  /** Queues the mail in the same transaction (MailService.send with `tx`). */
  mail?: (tx: AppDatabase) => Promise<void>;
}

/** 2FA off: no secret, no pending setup, no lock, no undo link. */
const TOTP_OFF = {
  totpSecretSealed: null,
  totpPendingSealed: null,
  totpEnabledAt: null,
  totpLastStep: null,
  totpFailures: 0,
  totpLockedUntil: null,
  totpRevertHash: null,
  totpRevertUntil: null,
};

async function commit(tx: unknown, userId: string, committed: Committed): Promise<void> {
  const db = tx as AppDatabase;
  const { type, data, ipSealed } = committed.event;
  await appendEvent(db, userId, { draft: draftEvent(type, data), ipSealed });
  await committed.mail?.(db);
}

@Injectable()
export class TotpRepository {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(SessionCache) private readonly cache: SessionCache,
  ) {}

  private get db() {
    return this.database.primary;
  }

  async state(userId: string): Promise<TotpState | undefined> {
    const [row] = await this.db
      .select({
        emailSealed: users.emailSealed,
        secretSealed: users.totpSecretSealed,
        pendingSealed: users.totpPendingSealed,
        enabledAt: users.totpEnabledAt,
        failures: users.totpFailures,
        lockedUntil: users.totpLockedUntil,
      })
      .from(users)
      .where(eq(users.id, userId));
    return row && { ...row, enabled: row.enabledAt !== null };
  }

  async setPending(userId: string, sealed: string): Promise<void> {
    await this.db.update(users).set({ totpPendingSealed: sealed }).where(eq(users.id, userId));
  }

  /**
   * Turns 2FA on with the confirmed secret, a fresh set of backup codes and the hash of the undo
   * link, together with the audit event and the mail: all or nothing. False when the setup is
   * no longer pending (a concurrent confirmation won, or setup restarted).
   */
  async enable(
    userId: string,
    enrolment: {
      secretSealed: string;
      step: number;
      codeHashes: string[];
      revertHash: string;
      revertUntil: Date;
    },
    committed: Committed,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .update(users)
        .set({
          totpSecretSealed: enrolment.secretSealed,
          totpPendingSealed: null,
          totpEnabledAt: sql`now()`,
          totpLastStep: enrolment.step,
          totpFailures: 0,
          totpLockedUntil: null,
          totpRevertHash: enrolment.revertHash,
          totpRevertUntil: enrolment.revertUntil,
        })
        .where(
          and(
            eq(users.id, userId),
            isNull(users.totpEnabledAt),
            eq(users.totpPendingSealed, enrolment.secretSealed),
          ),
        )
        .returning({ id: users.id });
      if (rows.length === 0) return false;
      await tx.delete(totpBackupCodes).where(eq(totpBackupCodes.userId, userId));
      await tx
        .insert(totpBackupCodes)
        .values(enrolment.codeHashes.map((codeHash) => ({ userId, codeHash })));
      await commit(tx, userId, committed);
      return true;
    });
  }

  async disable(userId: string, committed: Committed): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(users).set(TOTP_OFF).where(eq(users.id, userId));
      await tx.delete(totpBackupCodes).where(eq(totpBackupCodes.userId, userId));
      await commit(tx, userId, committed);
    });
  }

  async replaceBackupCodes(
    userId: string,
    codeHashes: string[],
    committed: Committed,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(totpBackupCodes).where(eq(totpBackupCodes.userId, userId));
      await tx.insert(totpBackupCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
      await commit(tx, userId, committed);
    });
  }

  /**
   * Uses the undo link mailed when 2FA was turned on, once and before it expires: 2FA off, the
   * backup codes deleted, every session of the account ended, the event `totp.reverted` (with
   * the number of sessions ended) and the mail, in one transaction. False when the link is not
   * live (unknown, used, expired, or 2FA was turned off or on again since).
   */
  async revert(
    userId: string,
    revertHash: string,
    ipSealed: string | null,
    mail: (tx: AppDatabase) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .update(users)
        .set(TOTP_OFF)
        .where(
          and(
            eq(users.id, userId),
            eq(users.totpRevertHash, revertHash),
            sql`${users.totpRevertUntil} > now()`,
          ),
        )
        .returning({ id: users.id });
      if (rows.length === 0) return false;
      await tx.delete(totpBackupCodes).where(eq(totpBackupCodes.userId, userId));
      const ended = await tx
        .update(sessions)
        .set({ revokedAt: sql`now()`, revokedReason: 'totp_reverted' })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      this.cache.forget(...ended.map((row) => row.id));
      await commit(tx, userId, {
        event: { type: 'totp.reverted', data: { sessions_ended: ended.length }, ipSealed },
        mail,
      });
      return true;
    });
  }

  /**
   * Accepts a time step only if it is later than the last one accepted: a code works once. The
   * attempt it was checked under is released (see {@link release}).
   */
  async acceptStep(userId: string, step: number, unlocked: PendingEvent): Promise<boolean> {
    return this.release(
      userId,
      unlocked,
      { totpLastStep: step },
      or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
    );
  }

  /**
   * Reserves one attempt at a code BEFORE it is checked: the lock check and the count are one
   * statement, so parallel requests cannot check more than `max` codes between two locks (each
   * UPDATE of the row waits for the previous one and re-reads it). The reservation that reaches
   * `max` locks the factor for `lockMs` right away, and appends `locked` in the same statement;
   * a lock that has run out restarts the count. A right code releases the reservation
   * ({@link acceptStep}, {@link releaseAttempts}).
   * Returns the count with this attempt, or the end of the lock when refused.
   */
  async reserveAttempt(
    userId: string,
    max: number,
    lockMs: number,
    locked: PendingEvent,
  ): Promise<{ reserved: true; failures: number } | { reserved: false; lockedUntil: Date }> {
    const expired = sql`${users.totpLockedUntil} is not null`;
    const count = sql`case when ${expired} then 1 else ${users.totpFailures} + 1 end`;
    const [row] = await this.db
      .update(users)
      .set({
        totpFailures: count,
        totpLockedUntil: sql`case when ${count} >= ${max} then now() + make_interval(secs => ${lockMs / 1000}) else null end`,
      })
      .where(
        and(
          eq(users.id, userId),
          or(isNull(users.totpLockedUntil), sql`${users.totpLockedUntil} <= now()`),
        ),
      )
      .returning({
        failures: users.totpFailures,
        // RETURNING sees the new row: the event only with the lock this attempt wrote.
        lockEvent: sql`case when ${users.totpFailures} >= ${max} then ${appendEventSql(users.id, locked.draft, locked.ipSealed)} end`,
      });
    if (row) return { reserved: true, failures: row.failures };
    const [current] = await this.db
      .select({ lockedUntil: users.totpLockedUntil })
      .from(users)
      .where(eq(users.id, userId));
    // A lock that ran out between the two statements: the caller waits a second and retries.
    return { reserved: false, lockedUntil: current?.lockedUntil ?? new Date(Date.now() + 1000) };
  }

  /** A right factor other than a TOTP step (a backup code): the count restarts ({@link release}). */
  async releaseAttempts(userId: string, unlocked: PendingEvent): Promise<void> {
    await this.release(userId, unlocked);
  }

  /**
   * Restarts the count after a right code (`guard`, if any, must hold too). When the attempt
   * that code was checked under had locked the factor, the lock is lifted and `unlocked` appended
   * in the same transaction. False when the guard did not hold (nothing written).
   */
  private release(
    userId: string,
    unlocked: PendingEvent,
    set: Partial<typeof users.$inferInsert> = {},
    guard?: SQL,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx
        .select({ locked: sql<boolean>`${users.totpLockedUntil} > now()` })
        .from(users)
        .where(eq(users.id, userId))
        .for('update');
      const rows = await tx
        .update(users)
        .set({ ...set, totpFailures: 0, totpLockedUntil: null })
        .where(and(eq(users.id, userId), guard))
        .returning({ id: users.id });
      if (rows.length === 1 && before?.locked) await appendEvent(tx, userId, unlocked);
      return rows.length === 1;
    });
  }

  async unusedBackupCodes(userId: string): Promise<BackupCodeRow[]> {
    return this.db
      .select()
      .from(totpBackupCodes)
      .where(and(eq(totpBackupCodes.userId, userId), isNull(totpBackupCodes.usedAt)));
  }

  /**
   * Spends a backup code once, even under concurrent use, with `event` in the same statement:
   * both commit, or neither. False when it was spent already (nothing written).
   */
  async useBackupCode(id: string, event: PendingEvent): Promise<boolean> {
    const rows = await this.db
      .update(totpBackupCodes)
      .set({ usedAt: sql`now()` })
      .where(and(eq(totpBackupCodes.id, id), isNull(totpBackupCodes.usedAt)))
      .returning({
        eventId: appendEventSql(totpBackupCodes.userId, event.draft, event.ipSealed),
      });
    return rows.length === 1;
  }
}
