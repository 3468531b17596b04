import { Inject, Injectable } from '@nestjs/common';
import type {
  BusinessTopUpPage,
  BusinessVirtualCardPage,
  BusinessVirtualCardsOverview,
  PutVirtualCardConditions,
  businessTopUpsQuerySchema,
  businessVirtualCardsQuerySchema,
} from '@cardcoop/contracts';
import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffContext } from '../authz/policy.guard.js';
import { CooperativesRepository } from '../cooperatives/cooperatives.repository.js';
import { coopFunds } from '../ledger/accounts.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { VirtualCardsRepository } from '../virtual-cards/virtual-cards.repository.js';
import type { ConditionsRow } from '../virtual-cards/virtual-cards.repository.js';
import { cursorOf, dayAfter, dayStart, parseCursor } from './keyset.js';
import type { Keyset } from './keyset.js';
import { VirtualCardsAdminRepository } from './virtual-cards-admin.repository.js';

type CardsQuery = z.infer<typeof businessVirtualCardsQuerySchema>;
type TopUpsQuery = z.infer<typeof businessTopUpsQuerySchema>;

/** The conditions as the API shows them; revision 0 and the defaults when none were set. */
function presentConditions(row: ConditionsRow | undefined) {
  return {
    issuing: row?.issuing ?? false,
    max_cards_per_member: row?.maxCardsPerMember ?? 1,
    monthly_top_up_cap: row?.monthlyTopUpCap ?? null,
    low_funds_threshold: row?.lowFundsThreshold ?? null,
    default_limits: {
      per_transaction: row?.defaultLimitPerTransaction ?? null,
      daily: row?.defaultLimitDaily ?? null,
      monthly: row?.defaultLimitMonthly ?? null,
    },
    revision: row?.revision ?? 0,
    updated_at: row?.updatedAt.toISOString() ?? null,
  };
}

/**
 * One keyset page, newest first: `read` gets the position after the cursor and `limit + 1`;
 * the first `limit` rows are shown, and the next cursor (the last shown row's instant and id)
 * only when the extra row says there is more.
 */
async function keysetPage<Row extends { id: string }, Item>(
  query: { cursor?: string; limit: number },
  read: (keyset: { after: Keyset | undefined; limit: number }) => Promise<Row[]>,
  at: (row: Row) => Date,
  present: (row: Row) => Item,
): Promise<{ items: Item[]; next_cursor: string | null }> {
  const rows = await read({ after: parseCursor(query.cursor), limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    next_cursor: rows.length > query.limit && last ? cursorOf(at(last), last.id) : null,
  };
}

/**
 * The business panel's virtual cards (issue 15): the cooperative's funds and what is in transit,
 * its conditions (managers change them, audited on their own chain with the change), its cards
 * (last 4 digits only) and its issues and top-ups.
 */
@Injectable()
export class BusinessVirtualCardsService {
  constructor(
    @Inject(CooperativesRepository) private readonly cooperatives: CooperativesRepository,
    @Inject(VirtualCardsRepository) private readonly cards: VirtualCardsRepository,
    @Inject(VirtualCardsAdminRepository) private readonly repository: VirtualCardsAdminRepository,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async overview(coopname: string): Promise<BusinessVirtualCardsOverview> {
    const cooperative = await this.cooperatives.find(coopname);
    if (!cooperative) throw new AppError('NOT_FOUND', 404);
    const [balances, pending, counts, conditions] = await Promise.all([
      this.ledger.ledger.balances(coopFunds(coopname)),
      this.repository.pending(coopname),
      this.repository.statusCounts(coopname),
      this.cards.conditions(coopname),
    ]);
    const funds = balances
      .filter(({ account }) => account === coopFunds(coopname))
      .map(({ balance, currency }) => ({ amount: balance, currency }));
    const threshold = conditions?.lowFundsThreshold ?? null;
    return {
      coopname,
      extended: cooperative.level === 'extended',
      funds,
      in_transit: [...pending.sums].map(([currency, amount]) => ({ amount, currency })),
      pending_operations: pending.count,
      low_funds: threshold !== null && funds.every(({ amount }) => amount < threshold),
      cards: counts,
      conditions: presentConditions(conditions),
    };
  }

  /**
   * The conditions on top of `expected_revision` (409 CONFLICT when someone changed them), with
   * `virtual_cards.conditions_changed` on the acting staff member's chain in the same
   * transaction. Issuing cannot be turned on below the extended level (409
   * COOPERATIVE_NOT_EXTENDED).
   */
  async setConditions(staff: StaffContext, body: PutVirtualCardConditions, ip: string) {
    const cooperative = await this.cooperatives.find(staff.coopname);
    if (!cooperative) throw new AppError('NOT_FOUND', 404);
    if (body.issuing && cooperative.level !== 'extended') {
      throw new AppError('COOPERATIVE_NOT_EXTENDED', 409);
    }
    const { member, coopname, role } = staff;
    const values = {
      issuing: body.issuing,
      maxCardsPerMember: body.max_cards_per_member,
      monthlyTopUpCap: body.monthly_top_up_cap,
      lowFundsThreshold: body.low_funds_threshold,
      defaultLimitPerTransaction: body.default_limits.per_transaction,
      defaultLimitDaily: body.default_limits.daily,
      defaultLimitMonthly: body.default_limits.monthly,
    };
    const row = await this.cards.putConditions(coopname, body.expected_revision, values, {
      subjectId: member.userId,
      event: this.audit.eventFor(
        member.userId,
        'virtual_cards.conditions_changed',
        {
          coopname,
          actor: member.userId,
          role,
          issuing: body.issuing,
          max_cards_per_member: body.max_cards_per_member,
          monthly_top_up_cap: body.monthly_top_up_cap,
          low_funds_threshold: body.low_funds_threshold,
        },
        ip,
      ),
    });
    if (!row) throw new AppError('CONFLICT', 409);
    return presentConditions(row);
  }

  async cardsPage(coopname: string, query: CardsQuery): Promise<BusinessVirtualCardPage> {
    return keysetPage(
      query,
      (keyset) => this.repository.cards(coopname, { status: query.status, ...keyset }),
      (row) => row.issuedAt,
      (row) => ({
        card_id: row.id,
        username: row.username,
        last4: row.last4,
        status: row.status,
        balance: { amount: row.balance, currency: row.currency },
        issued_at: row.issuedAt.toISOString(),
      }),
    );
  }

  async topUps(coopname: string, query: TopUpsQuery): Promise<BusinessTopUpPage> {
    return keysetPage(
      query,
      (keyset) =>
        this.repository.operations(coopname, {
          from: query.from ? dayStart(query.from) : undefined,
          to: query.to ? dayAfter(query.to) : undefined,
          status: query.status,
          ...keyset,
        }),
      (row) => row.createdAt,
      (row) => ({
        operation_id: row.id,
        kind: row.kind,
        card_id: row.cardId,
        last4: row.last4,
        username: row.username,
        status: row.status,
        amount: { amount: row.amount, currency: row.currency },
        fee: { amount: row.fee, currency: row.currency },
        failure: row.failure,
        created_at: row.createdAt.toISOString(),
        settled_at: row.settledAt?.toISOString() ?? null,
      }),
    );
  }
}
