import { Inject, Injectable } from '@nestjs/common';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { ledgerEntries, ledgerPostings } from '../../db/schema/index.js';
import {
  assertAccount,
  assertCurrency,
  assertMinorUnits,
  LedgerInvariantError,
  toMinorUnits,
} from './accounts.js';

export interface LedgerEntryInput {
  account: string;
  /** Signed integer minor units (a safe JS integer), never 0. */
  amount: number;
  currency: string;
}

export interface PostingInput {
  /** What moved, e.g. 'fund', 'topup.reserve', 'topup.confirm', 'purchase'. */
  kind: string;
  operationId?: string | undefined;
  /** The outside event it records (unique), e.g. `aifory:transaction:<id>`; see `postOnce`. */
  ref?: string | undefined;
  entries: LedgerEntryInput[];
}

export interface Posting {
  id: string;
  kind: string;
  operationId: string | null;
  createdAt: Date;
  entries: LedgerEntryInput[];
}

export interface AccountBalance {
  account: string;
  currency: string;
  balance: number;
}

/** Checks what the database trigger checks, before anything is written. */
export function validatePosting({ kind, entries }: PostingInput): void {
  if (!kind) throw new LedgerInvariantError('a posting needs a kind');
  if (entries.length < 2) throw new LedgerInvariantError('a posting needs at least 2 entries');
  const sums = new Map<string, bigint>();
  for (const { account, amount, currency } of entries) {
    assertAccount(account);
    assertCurrency(currency);
    assertMinorUnits(amount);
    if (amount === 0) throw new LedgerInvariantError(`zero entry on ${account}`);
    sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(amount));
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0n) throw new LedgerInvariantError(`posting ${kind} sums to ${sum} ${currency}`);
  }
}

/** The double-entry ledger: append-only postings, balances as sums of entries. */
@Injectable()
export class LedgerRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  /**
   * Writes one posting and its entries in `db` (a transaction, or the pool: a savepoint or a
   * transaction of its own is opened either way, so the deferred trigger sees both together).
   */
  async post(db: AppDatabase, posting: PostingInput): Promise<string> {
    const id = await this.write(db, posting, false);
    return id!;
  }

  /**
   * Like `post`, once per `ref`: undefined (and nothing written) when a posting with this ref
   * exists already, e.g. a webhook delivered twice, or two deliveries racing.
   */
  postOnce(db: AppDatabase, posting: PostingInput & { ref: string }): Promise<string | undefined> {
    return this.write(db, posting, true);
  }

  private async write(db: AppDatabase, posting: PostingInput, once: boolean) {
    validatePosting(posting);
    return db.transaction(async (tx) => {
      const insert = tx.insert(ledgerPostings).values({
        kind: posting.kind,
        operationId: posting.operationId ?? null,
        ref: posting.ref ?? null,
      });
      const [row] = await (
        once ? insert.onConflictDoNothing({ target: ledgerPostings.ref }) : insert
      ).returning({ id: ledgerPostings.id });
      if (!row) return undefined;
      await tx
        .insert(ledgerEntries)
        .values(posting.entries.map((entry) => ({ ...entry, postingId: row.id })));
      return row.id;
    });
  }

  /**
   * Serialises writers of `account` until the surrounding transaction ends (a balance check
   * followed by a posting cannot race another one). Call inside a transaction.
   */
  async lock(tx: AppDatabase, account: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${account}, 21))`);
  }

  async balance(account: string, currency: string, db: AppDatabase = this.db): Promise<number> {
    const [row] = await db
      .select({ total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)::text` })
      .from(ledgerEntries)
      .where(
        sql`${ledgerEntries.account} = ${account} and ${ledgerEntries.currency} = ${currency}`,
      );
    return toMinorUnits(row?.total);
  }

  /** Every account whose name starts with `prefix` (e.g. 'coop:', 'card:'), per currency. */
  async balances(prefix: string, db: AppDatabase = this.db): Promise<AccountBalance[]> {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await db
      .select({
        account: ledgerEntries.account,
        currency: ledgerEntries.currency,
        total: sql<string>`sum(${ledgerEntries.amount})::text`,
      })
      .from(ledgerEntries)
      .where(sql`${ledgerEntries.account} like ${pattern}`)
      .groupBy(ledgerEntries.account, ledgerEntries.currency)
      .orderBy(asc(ledgerEntries.account), asc(ledgerEntries.currency));
    return rows.map(({ account, currency, total }) => ({
      account,
      currency,
      balance: toMinorUnits(total),
    }));
  }

  /** The postings of one money operation, oldest first, with their entries. */
  async postingsOf(operationId: string, db: AppDatabase = this.db): Promise<Posting[]> {
    const postings = await db
      .select()
      .from(ledgerPostings)
      .where(eq(ledgerPostings.operationId, operationId))
      .orderBy(asc(ledgerPostings.createdAt), asc(ledgerPostings.id));
    if (postings.length === 0) return [];
    const entries = await db
      .select()
      .from(ledgerEntries)
      .where(
        inArray(
          ledgerEntries.postingId,
          postings.map(({ id }) => id),
        ),
      )
      .orderBy(asc(ledgerEntries.id));
    return postings.map((posting) => ({
      id: posting.id,
      kind: posting.kind,
      operationId: posting.operationId,
      createdAt: posting.createdAt,
      entries: entries
        .filter((entry) => entry.postingId === posting.id)
        .map(({ account, amount, currency }) => ({ account, amount: Number(amount), currency })),
    }));
  }

  /** The sum of every entry per currency: 0 for each, or the ledger is broken. */
  async trialBalance(db: AppDatabase = this.db): Promise<Record<string, number>> {
    const rows = await db
      .select({
        currency: ledgerEntries.currency,
        total: sql<string>`sum(${ledgerEntries.amount})::text`,
      })
      .from(ledgerEntries)
      .groupBy(ledgerEntries.currency);
    return Object.fromEntries(rows.map(({ currency, total }) => [currency, toMinorUnits(total)]));
  }
}
