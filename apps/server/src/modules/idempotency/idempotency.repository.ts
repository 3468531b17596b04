import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import type { StoredIdempotentResponse } from '../../db/schema/index.js';

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

/** Rows of `idempotency_keys`: taken once, answered once, freed only while in progress. */
@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  private where(scope: string, key: string) {
    return and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
  }

  /** Takes the key (`in_progress`); false when someone holds it already. */
  async take(scope: string, key: string, requestHash: string): Promise<boolean> {
    const rows = await this.db
      .insert(idempotencyKeys)
      .values({ scope, key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    return rows.length > 0;
  }

  async find(scope: string, key: string): Promise<IdempotencyKeyRow | undefined> {
    const [row] = await this.db.select().from(idempotencyKeys).where(this.where(scope, key));
    return row;
  }

  /** Records the answer of an `in_progress` key; false when it was not in progress. */
  async store(
    scope: string,
    key: string,
    status: number,
    response: StoredIdempotentResponse,
  ): Promise<boolean> {
    const rows = await this.db
      .update(idempotencyKeys)
      .set({ status: 'done', responseStatus: status, response })
      .where(and(this.where(scope, key), eq(idempotencyKeys.status, 'in_progress')))
      .returning({ key: idempotencyKeys.key });
    return rows.length > 0;
  }

  /** Frees a key still in progress for this request, so a retry can run. */
  async release(scope: string, key: string, requestHash: string): Promise<void> {
    await this.db
      .delete(idempotencyKeys)
      .where(
        and(
          this.where(scope, key),
          eq(idempotencyKeys.requestHash, requestHash),
          eq(idempotencyKeys.status, 'in_progress'),
        ),
      );
  }
}
