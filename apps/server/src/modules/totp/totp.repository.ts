import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { totpBackupCodes, users } from '../../db/schema/index.js';

export interface TotpState {
  emailSealed: string;
  secretSealed: string | null;
  pendingSealed: string | null;
  enabled: boolean;
  failures: number;
  lockedUntil: Date | null;
}

export type BackupCodeRow = typeof totpBackupCodes.$inferSelect;

@Injectable()
export class TotpRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

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

  /** Turns 2FA on with the confirmed secret and a fresh set of backup codes, atomically. */
  async enable(
    userId: string,
    secretSealed: string,
    step: number,
    codeHashes: string[],
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          totpSecretSealed: secretSealed,
          totpPendingSealed: null,
          totpEnabledAt: sql`now()`,
          totpLastStep: step,
          totpFailures: 0,
          totpLockedUntil: null,
        })
        .where(eq(users.id, userId));
      await tx.delete(totpBackupCodes).where(eq(totpBackupCodes.userId, userId));
      await tx.insert(totpBackupCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
    });
  }

  async disable(userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          totpSecretSealed: null,
          totpPendingSealed: null,
          totpEnabledAt: null,
          totpLastStep: null,
          totpFailures: 0,
        })
        .where(eq(users.id, userId));
      await tx.delete(totpBackupCodes).where(eq(totpBackupCodes.userId, userId));
    });
  }

  async replaceBackupCodes(userId: string, codeHashes: string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(totpBackupCodes).where(eq(totpBackupCodes.userId, userId));
      await tx.insert(totpBackupCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
    });
  }

  /**
   * Accepts a time step only if it is later than the last one accepted: a code works once. The
   * attempt it was checked under is released (the failure count restarts).
   */
  async acceptStep(userId: string, step: number): Promise<boolean> {
    const rows = await this.db
      .update(users)
      .set({ totpLastStep: step, totpFailures: 0, totpLockedUntil: null })
      .where(
        and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))),
      )
      .returning({ id: users.id });
    return rows.length === 1;
  }

  /**
   * Reserves one attempt at a code BEFORE it is checked: the lock check and the count are one
   * statement, so parallel requests cannot check more than `max` codes between two locks (each
   * UPDATE of the row waits for the previous one and re-reads it). The reservation that reaches
   * `max` locks the factor for `lockMs` right away; a lock that has run out restarts the count.
   * A correct code releases the reservation ({@link acceptStep}, {@link releaseAttempts}).
   * Returns the count with this attempt, or the end of the lock when refused.
   */
  async reserveAttempt(
    userId: string,
    max: number,
    lockMs: number,
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
      .returning({ failures: users.totpFailures });
    if (row) return { reserved: true, failures: row.failures };
    const [locked] = await this.db
      .select({ lockedUntil: users.totpLockedUntil })
      .from(users)
      .where(eq(users.id, userId));
    // A lock that ran out between the two statements: the caller waits a second and retries.
    return { reserved: false, lockedUntil: locked?.lockedUntil ?? new Date(Date.now() + 1000) };
  }

  /** A correct factor other than a TOTP step (a backup code): the count restarts. */
  async releaseAttempts(userId: string): Promise<void> {
    await this.db
      .update(users)
      .set({ totpFailures: 0, totpLockedUntil: null })
      .where(eq(users.id, userId));
  }

  async unusedBackupCodes(userId: string): Promise<BackupCodeRow[]> {
    return this.db
      .select()
      .from(totpBackupCodes)
      .where(and(eq(totpBackupCodes.userId, userId), isNull(totpBackupCodes.usedAt)));
  }

  /** Spends a backup code once, even under concurrent use. */
  async useBackupCode(id: string): Promise<boolean> {
    const rows = await this.db
      .update(totpBackupCodes)
      .set({ usedAt: sql`now()` })
      .where(and(eq(totpBackupCodes.id, id), isNull(totpBackupCodes.usedAt)))
      .returning({ id: totpBackupCodes.id });
    return rows.length === 1;
  }
}
