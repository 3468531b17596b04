import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { emailChallenges } from '../../db/schema/index.js';

export type ChallengeRow = typeof emailChallenges.$inferSelect;
export type NewChallenge = typeof emailChallenges.$inferInsert;
export type ChallengePurpose = ChallengeRow['purpose'];

@Injectable()
export class EmailChallengesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async latest(emailLookup: string, purpose: ChallengePurpose): Promise<ChallengeRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(emailChallenges)
      .where(
        and(eq(emailChallenges.emailLookup, emailLookup), eq(emailChallenges.purpose, purpose)),
      )
      .orderBy(desc(emailChallenges.createdAt))
      .limit(1);
    return row;
  }

  async create(challenge: NewChallenge): Promise<ChallengeRow> {
    const [row] = await this.database.primary.insert(emailChallenges).values(challenge).returning();
    return row!;
  }

  async find(id: string): Promise<ChallengeRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(emailChallenges)
      .where(eq(emailChallenges.id, id));
    return row;
  }

  /**
   * Reserves one guess before the code is compared: counts it only while the challenge is live
   * (unused, unexpired, fewer than `max` guesses so far) and returns the counted row, or nothing
   * when it is not live. One statement, so parallel guesses cannot all pass a lock read earlier.
   */
  async reserveAttempt(id: string, max: number): Promise<ChallengeRow | undefined> {
    const [row] = await this.database.primary
      .update(emailChallenges)
      .set({ attempts: sql`${emailChallenges.attempts} + 1` })
      .where(
        and(
          eq(emailChallenges.id, id),
          lt(emailChallenges.attempts, max),
          isNull(emailChallenges.consumedAt),
          gt(emailChallenges.expiresAt, sql`now()`),
        ),
      )
      .returning();
    return row;
  }

  /** Consumes once: false when another request consumed it first. */
  async consume(id: string): Promise<boolean> {
    const rows = await this.database.primary
      .update(emailChallenges)
      .set({ consumedAt: sql`now()` })
      .where(and(eq(emailChallenges.id, id), isNull(emailChallenges.consumedAt)))
      .returning({ id: emailChallenges.id });
    return rows.length === 1;
  }
}
