import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { moneyOperations } from '../../db/schema/index.js';
import { assertCurrency, assertMinorUnits, LedgerInvariantError } from './accounts.js';

export type MoneyOperationRow = typeof moneyOperations.$inferSelect;
export type MoneyOperationKind = 'card_issue' | 'card_topup';

export interface NewMoneyOperation {
  /** The provider `request_id`; a random UUID when omitted. */
  id?: string | undefined;
  kind: MoneyOperationKind;
  coopname: string;
  userId?: string | null | undefined;
  cardId?: string | null | undefined;
  /** Minor units reaching the card (0 for an issue without an initial amount). */
  amount: number;
  /** Minor units charged on top of `amount`. */
  fee: number;
  currency: string;
}

export type Settlement =
  | { status: 'confirmed'; providerRef?: string | undefined; cardId?: string | undefined }
  | { status: 'failed'; failure: string; providerRef?: string | undefined };

/** Provider calls that move money: created pending, settled exactly once. */
@Injectable()
export class MoneyOperationsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  /** Inserts a `pending` operation (in the caller's transaction, with its reservation). */
  async create(tx: AppDatabase, operation: NewMoneyOperation): Promise<MoneyOperationRow> {
    assertMinorUnits(operation.amount);
    assertMinorUnits(operation.fee, 'fee');
    assertCurrency(operation.currency);
    if (operation.amount < 0 || operation.fee < 0 || operation.amount + operation.fee === 0) {
      throw new LedgerInvariantError('an operation moves a positive amount');
    }
    const [row] = await tx
      .insert(moneyOperations)
      .values({
        ...(operation.id ? { id: operation.id } : {}),
        kind: operation.kind,
        coopname: operation.coopname,
        userId: operation.userId ?? null,
        cardId: operation.cardId ?? null,
        amount: operation.amount,
        fee: operation.fee,
        currency: operation.currency,
      })
      .returning();
    return row!;
  }

  /**
   * Moves a pending operation to its outcome. Only one caller ever gets the row back (the
   * conditional UPDATE … WHERE status = 'pending'); everyone else gets undefined.
   */
  async settle(
    tx: AppDatabase,
    id: string,
    outcome: Settlement,
  ): Promise<MoneyOperationRow | undefined> {
    const [row] = await tx
      .update(moneyOperations)
      .set({
        status: outcome.status,
        settledAt: sql`now()`,
        providerRef: sql`coalesce(${outcome.providerRef ?? null}, ${moneyOperations.providerRef})`,
        ...(outcome.status === 'confirmed'
          ? { cardId: sql`coalesce(${outcome.cardId ?? null}::uuid, ${moneyOperations.cardId})` }
          : { failure: outcome.failure }),
      })
      .where(and(eq(moneyOperations.id, id), eq(moneyOperations.status, 'pending')))
      .returning();
    return row;
  }

  async get(id: string, db: AppDatabase = this.db): Promise<MoneyOperationRow | undefined> {
    const [row] = await db.select().from(moneyOperations).where(eq(moneyOperations.id, id));
    return row;
  }

  /** Pending operations created more than `olderThanSeconds` ago, oldest first (the status job). */
  async listPending(olderThanSeconds: number, limit = 100): Promise<MoneyOperationRow[]> {
    return this.db
      .select()
      .from(moneyOperations)
      .where(
        and(
          eq(moneyOperations.status, 'pending'),
          lt(moneyOperations.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
        ),
      )
      .orderBy(asc(moneyOperations.createdAt))
      .limit(limit);
  }

  /** Counts one more status query to the provider; returns the new count. */
  async recordAttempt(id: string): Promise<number> {
    const [row] = await this.db
      .update(moneyOperations)
      .set({ attempts: sql`${moneyOperations.attempts} + 1` })
      .where(eq(moneyOperations.id, id))
      .returning({ attempts: moneyOperations.attempts });
    return row?.attempts ?? 0;
  }
}
