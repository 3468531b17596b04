import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
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

  /** Counts one more wrong guess; returns the new count (atomic, so parallel guesses all count). */
  async addAttempt(id: string): Promise<number> {
    const [row] = await this.database.primary
      .update(emailChallenges)
      .set({ attempts: sql`${emailChallenges.attempts} + 1` })
      .where(eq(emailChallenges.id, id))
      .returning({ attempts: emailChallenges.attempts });
    return row?.attempts ?? Number.POSITIVE_INFINITY;
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
