import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import {
  cooperatives,
  cooperativeStaff,
  notificationPreferences,
  reconciliationRuns,
  users,
  virtualCardMonthlyReports,
  virtualCards,
} from '../../db/schema/index.js';
import { toMinorUnits } from '../ledger/accounts.js';
import type { Keyset } from './keyset.js';

export interface CardBalanceRow {
  id: string;
  username: string;
  last4: string;
  status: 'active' | 'frozen' | 'closed';
  currency: string;
  balance: number;
  issuedAt: Date;
}

export interface OperationRow {
  id: string;
  kind: 'card_topup' | 'card_issue';
  status: 'pending' | 'confirmed' | 'failed';
  cardId: string | null;
  last4: string | null;
  username: string | null;
  amount: number;
  fee: number;
  currency: string;
  failure: string | null;
  createdAt: Date;
  settledAt: Date | null;
}

export interface ReportCardRow {
  id: string;
  coopname: string;
  username: string;
  last4: string;
  currency: string;
  opening: number;
  topUps: number;
  topUpCount: number;
  spent: number;
  refunds: number;
  closing: number;
}

/** Per cooperative and currency over a range: approved purchases counted, fees collected. */
export interface ReportCoopRow {
  coopname: string;
  currency: string;
  purchaseCount: number;
  fees: number;
}

export type ReconciliationRunRow = typeof reconciliationRuns.$inferSelect;
export type NewReconciliationRun = typeof reconciliationRuns.$inferInsert;
export type VirtualCardRow = typeof virtualCards.$inferSelect;

type Raw = Record<string, unknown>;
const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

/**
 * Read-only queries of virtual cards for the cooperative's and the operator's views: balances are
 * sums of ledger entries (`card:<id>`), reports sums of entries by posting kind and time.
 */
@Injectable()
export class VirtualCardsAdminRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private async rows(query: SQL): Promise<Raw[]> {
    return ((await this.database.primary.execute(query)) as unknown as { rows: Raw[] }).rows;
  }

  async statusCounts(coopname: string): Promise<Record<'active' | 'frozen' | 'closed', number>> {
    const counts = { active: 0, frozen: 0, closed: 0 };
    const rows = await this.rows(sql`
      select status, count(*)::int as n from virtual_cards where coopname = ${coopname}
      group by status`);
    for (const row of rows) counts[row.status as keyof typeof counts] = Number(row.n);
    return counts;
  }

  /** Pending operations of the cooperative: their count and the reserved sums per currency. */
  async pending(coopname: string): Promise<{ count: number; sums: Map<string, number> }> {
    const rows = await this.rows(sql`
      select currency, count(*)::int as n, sum(amount + fee)::text as total
      from money_operations where coopname = ${coopname} and status = 'pending'
      group by currency order by currency`);
    return {
      count: rows.reduce((sum, row) => sum + Number(row.n), 0),
      sums: new Map(rows.map((row) => [String(row.currency), toMinorUnits(row.total)])),
    };
  }

  /** A page of the cooperative's cards with their ledger balances, newest first. */
  async cards(
    coopname: string,
    filter: { status?: string | undefined; after?: Keyset | undefined; limit: number },
  ): Promise<CardBalanceRow[]> {
    const { after } = filter;
    const rows = await this.rows(sql`
      select c.id, c.username, c.last4, c.status, c.currency, c.issued_at,
        coalesce((select sum(e.amount) from ledger_entries e
          where e.account = 'card:' || c.id::text and e.currency = c.currency), 0)::text as balance
      from virtual_cards c
      where c.coopname = ${coopname}
        ${filter.status ? sql`and c.status = ${filter.status}` : sql``}
        ${after ? sql`and (c.issued_at, c.id) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : sql``}
      order by c.issued_at desc, c.id desc
      limit ${filter.limit}`);
    return rows.map((row) => ({
      id: String(row.id),
      username: String(row.username),
      last4: String(row.last4),
      status: row.status as CardBalanceRow['status'],
      currency: String(row.currency),
      balance: toMinorUnits(row.balance),
      issuedAt: date(row.issued_at),
    }));
  }

  /** A page of the cooperative's issues and top-ups, newest first. */
  async operations(
    coopname: string,
    filter: {
      from?: Date | undefined;
      to?: Date | undefined;
      status?: string | undefined;
      after?: Keyset | undefined;
      limit: number;
    },
  ): Promise<OperationRow[]> {
    const { after } = filter;
    const rows = await this.rows(sql`
      select o.id, o.kind, o.status, o.card_id, c.last4, c.username, o.amount::text as amount,
        o.fee::text as fee, o.currency, o.failure, o.created_at, o.settled_at
      from money_operations o left join virtual_cards c on c.id = o.card_id
      where o.coopname = ${coopname} and o.kind in ('card_topup', 'card_issue')
        ${filter.from ? sql`and o.created_at >= ${filter.from.toISOString()}::timestamptz` : sql``}
        ${filter.to ? sql`and o.created_at < ${filter.to.toISOString()}::timestamptz` : sql``}
        ${filter.status ? sql`and o.status = ${filter.status}` : sql``}
        ${after ? sql`and (o.created_at, o.id) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : sql``}
      order by o.created_at desc, o.id desc
      limit ${filter.limit}`);
    return rows.map((row) => ({
      id: String(row.id),
      kind: row.kind as OperationRow['kind'],
      status: row.status as OperationRow['status'],
      cardId: row.card_id ? String(row.card_id) : null,
      last4: row.last4 ? String(row.last4) : null,
      username: row.username ? String(row.username) : null,
      amount: toMinorUnits(row.amount),
      fee: toMinorUnits(row.fee),
      currency: String(row.currency),
      failure: row.failure ? String(row.failure) : null,
      createdAt: date(row.created_at),
      settledAt: row.settled_at ? date(row.settled_at) : null,
    }));
  }

  /**
   * Each card issued before `to` (of one cooperative, or all): its balance at `from` and at `to`,
   * and the top-ups, purchases and refunds posted in [from, to), from its ledger entries.
   */
  async reportCards(coopname: string | null, from: Date, to: Date): Promise<ReportCardRow[]> {
    const [start, end] = [from.toISOString(), to.toISOString()];
    const inRange = sql`e.created_at >= ${start}::timestamptz and e.created_at < ${end}::timestamptz`;
    const rows = await this.rows(sql`
      select c.id, c.coopname, c.username, c.last4, c.currency,
        coalesce(sum(e.amount) filter (where e.created_at < ${start}::timestamptz), 0)::text as opening,
        coalesce(sum(e.amount) filter (where e.created_at < ${end}::timestamptz), 0)::text as closing,
        coalesce(sum(e.amount) filter (where p.kind = 'topup.confirm' and ${inRange}), 0)::text as top_ups,
        count(e.id) filter (where p.kind = 'topup.confirm' and ${inRange})::int as top_up_count,
        coalesce(-sum(e.amount) filter (where p.kind = 'purchase' and ${inRange}), 0)::text as spent,
        coalesce(sum(e.amount) filter (where p.kind = 'refund' and ${inRange}), 0)::text as refunds
      from virtual_cards c
      left join ledger_entries e on e.account = 'card:' || c.id::text and e.currency = c.currency
      left join ledger_postings p on p.id = e.posting_id
      where c.issued_at < ${end}::timestamptz
        ${coopname ? sql`and c.coopname = ${coopname}` : sql``}
      group by c.id
      order by c.coopname, c.issued_at, c.id`);
    return rows.map((row) => ({
      id: String(row.id),
      coopname: String(row.coopname),
      username: String(row.username),
      last4: String(row.last4),
      currency: String(row.currency),
      opening: toMinorUnits(row.opening),
      topUps: toMinorUnits(row.top_ups),
      topUpCount: Number(row.top_up_count),
      spent: toMinorUnits(row.spent),
      refunds: toMinorUnits(row.refunds),
      closing: toMinorUnits(row.closing),
    }));
  }

  /**
   * Per cooperative and currency in [from, to): approved purchases (card_transactions, by when
   * they happened) and the operator's fees of its operations (`fees:operator` entries).
   */
  async reportCooperatives(
    coopname: string | null,
    from: Date,
    to: Date,
  ): Promise<ReportCoopRow[]> {
    const [start, end] = [from.toISOString(), to.toISOString()];
    const rows = await this.rows(sql`
      select coopname, currency, sum(purchases)::int as purchases, sum(fees)::text as fees from (
        select c.coopname, t.currency, count(*) as purchases, 0 as fees
        from card_transactions t join virtual_cards c on c.id = t.card_id
        where t.type = 'purchase' and t.status = 'approved'
          and t.occurred_at >= ${start}::timestamptz and t.occurred_at < ${end}::timestamptz
          ${coopname ? sql`and c.coopname = ${coopname}` : sql``}
        group by c.coopname, t.currency
        union all
        select o.coopname, e.currency, 0, sum(e.amount)
        from ledger_entries e
        join ledger_postings p on p.id = e.posting_id
        join money_operations o on o.id = p.operation_id
        where e.account = 'fees:operator'
          and e.created_at >= ${start}::timestamptz and e.created_at < ${end}::timestamptz
          ${coopname ? sql`and o.coopname = ${coopname}` : sql``}
        group by o.coopname, e.currency
      ) parts
      group by coopname, currency
      order by coopname, currency`);
    return rows.map((row) => ({
      coopname: String(row.coopname),
      currency: String(row.currency),
      purchaseCount: Number(row.purchases),
      fees: toMinorUnits(row.fees),
    }));
  }

  /** Cooperatives at the extended level (the monthly report's recipients). */
  async extendedCooperatives(): Promise<string[]> {
    const rows = await this.rows(sql`
      select coopname from cooperatives where level = 'extended' and status = 'active'
      order by coopname`);
    return rows.map((row) => String(row.coopname));
  }

  /** Every virtual card (reconciliation). */
  async allCards(): Promise<VirtualCardRow[]> {
    return this.database.primary.select().from(virtualCards);
  }

  async insertRun(run: NewReconciliationRun): Promise<ReconciliationRunRow> {
    const [row] = await this.database.primary.insert(reconciliationRuns).values(run).returning();
    return row!;
  }

  async latestRuns(limit: number): Promise<ReconciliationRunRow[]> {
    return this.database.primary
      .select()
      .from(reconciliationRuns)
      .orderBy(desc(reconciliationRuns.createdAt), desc(reconciliationRuns.id))
      .limit(limit);
  }

  /** Takes the month's report of the cooperative: false when it was sent already. */
  async claimMonthlyReport(coopname: string, month: string): Promise<boolean> {
    const claimed = await this.database.primary
      .insert(virtualCardMonthlyReports)
      .values({ coopname, month })
      .onConflictDoNothing()
      .returning({ coopname: virtualCardMonthlyReports.coopname });
    return claimed.length === 1;
  }

  /** The cooperative's owners with their sealed e-mail and language; its display name. */
  async owners(coopname: string) {
    const owners = await this.database.primary
      .select({
        userId: users.id,
        emailSealed: users.emailSealed,
        locale: notificationPreferences.locale,
      })
      .from(cooperativeStaff)
      .innerJoin(users, eq(users.id, cooperativeStaff.userId))
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(and(eq(cooperativeStaff.coopname, coopname), eq(cooperativeStaff.role, 'owner')));
    const [cooperative] = await this.database.primary
      .select({ displayName: cooperatives.displayName })
      .from(cooperatives)
      .where(eq(cooperatives.coopname, coopname));
    return {
      displayName: cooperative?.displayName ?? coopname,
      owners: owners.map((row) => ({ ...row, locale: row.locale ?? ('ru' as const) })),
    };
  }
}
