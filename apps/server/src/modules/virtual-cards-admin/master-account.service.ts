import { Inject, Injectable } from '@nestjs/common';
import type {
  AllocateFunds,
  FundingResult,
  FundMaster,
  VirtualCardsMaster,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { AIFORY_PROVIDER } from '../aifory/provider/aifory.provider.js';
import type { AiforyProvider } from '../aifory/provider/aifory.provider.js';
import { providerUnavailableError } from '../aifory/provider/aifory-errors.js';
import type { AdminActor } from '../admin/admin-actor.js';
import { adminEvent, PLATFORM_AUDIT_SUBJECT } from '../admin/admin-events.js';
import { AuditService } from '../audit/audit.service.js';
import { appendChangeEvent } from '../cooperatives/cooperatives.repository.js';
import { CooperativesRepository } from '../cooperatives/cooperatives.repository.js';
import { coopFunds, PROVIDER_MASTER, TRANSIT_DEPOSITS } from '../ledger/accounts.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { IdempotentResult } from '../idempotency/idempotency.service.js';

type Amounts = { amount: number; currency: string }[];

const byCurrency = (rows: { balance: number; currency: string }[]): Amounts => {
  const sums = new Map<string, number>();
  for (const { balance, currency } of rows) sums.set(currency, (sums.get(currency) ?? 0) + balance);
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ amount, currency }));
};

/** The ledger's view of the master account: unallocated + Σ cooperatives' funds + in transit. */
export interface LedgerMasterView {
  unallocated: Amounts;
  cooperatives: Amounts;
  inTransit: Amounts;
  expected: Amounts;
  perCooperative: { coopname: string; funds: Amounts }[];
}

/**
 * The operator's master account at Aifory (issue 15, ADR 021): the provider's balance next to
 * the ledger's view of it, the trial balance, and money put on it (funding, unallocated or for a
 * cooperative) or allocated from it to a cooperative — each posting committed with its event on
 * the platform's audit chain, under the admin's Idempotency-Key.
 */
@Injectable()
export class MasterAccountService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(AIFORY_PROVIDER) private readonly provider: AiforyProvider,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CooperativesRepository) private readonly cooperatives: CooperativesRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  async ledgerView(): Promise<LedgerMasterView> {
    const { ledger } = this.ledger;
    const [master, coops, transit] = await Promise.all([
      ledger.balances(PROVIDER_MASTER),
      ledger.balances('coop:'),
      ledger.balances(TRANSIT_DEPOSITS),
    ]);
    const names = [...new Set(coops.map(({ account }) => account.split(':')[1]!))];
    return {
      unallocated: byCurrency(master.filter(({ account }) => account === PROVIDER_MASTER)),
      cooperatives: byCurrency(coops),
      inTransit: byCurrency(transit.filter(({ account }) => account === TRANSIT_DEPOSITS)),
      expected: byCurrency([...master, ...coops, ...transit]),
      perCooperative: names.map((coopname) => ({
        coopname,
        funds: byCurrency(coops.filter(({ account }) => account === coopFunds(coopname))),
      })),
    };
  }

  /** 503 PROVIDER_UNAVAILABLE with Retry-After when Aifory cannot be asked. */
  async master(): Promise<VirtualCardsMaster> {
    const provider = await this.provider.masterBalance().catch((error: unknown) => {
      throw providerUnavailableError(error);
    });
    const [view, trial] = await Promise.all([this.ledgerView(), this.ledger.ledger.trialBalance()]);
    const trialBalance = Object.entries(trial)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => ({ amount, currency }));
    return {
      provider,
      ledger: {
        unallocated: view.unallocated,
        cooperatives: view.cooperatives,
        in_transit: view.inTransit,
        expected: view.expected,
      },
      trial_balance: trialBalance,
      trial_balance_ok: trialBalance.every(({ amount }) => amount === 0),
      cooperatives: view.perCooperative,
    };
  }

  /**
   * Money put on the master account: `external:funding → provider:master` (coopname null) or
   * `external:funding → coop:<coopname>:funds`; `virtual_cards.master_funded` on the platform
   * chain in the same transaction.
   */
  fund(
    key: string | undefined,
    body: FundMaster,
    actor: AdminActor,
    ip: string,
  ): Promise<IdempotentResult<FundingResult>> {
    return this.fundingOnce(key, body, actor, async () => {
      if (body.coopname) await this.assertCooperative(body.coopname);
      const { amount, currency } = body.amount;
      return this.database.primary.transaction(async (tx) => {
        const postingId = body.coopname
          ? await this.ledger.fundCooperative({ coopname: body.coopname, amount, currency }, tx)
          : await this.ledger.post(tx, {
              kind: 'fund',
              entries: [
                { account: 'external:funding', amount: -amount, currency },
                { account: PROVIDER_MASTER, amount, currency },
              ],
            });
        await this.record(tx, 'virtual_cards.master_funded', actor, ip, {
          posting_id: postingId,
          coopname: body.coopname,
          amount,
          currency,
          reference: body.reference,
        });
        const account = body.coopname ? coopFunds(body.coopname) : PROVIDER_MASTER;
        const balance = await this.ledger.ledger.balance(account, currency, tx);
        return { postingId, balance };
      });
    });
  }

  /**
   * Unallocated money to a cooperative's funds (`provider:master → coop funds`), checked under a
   * lock on `provider:master`: 422 INSUFFICIENT_FUNDS beyond what is unallocated.
   */
  async allocate(
    key: string | undefined,
    body: AllocateFunds,
    actor: AdminActor,
    ip: string,
  ): Promise<IdempotentResult<FundingResult>> {
    return this.fundingOnce(key, body, actor, async () => {
      await this.assertCooperative(body.coopname);
      const { amount, currency } = body.amount;
      return this.database.primary.transaction(async (tx) => {
        await this.ledger.ledger.lock(tx, PROVIDER_MASTER);
        if ((await this.ledger.ledger.balance(PROVIDER_MASTER, currency, tx)) < amount) {
          throw new AppError('INSUFFICIENT_FUNDS', 422);
        }
        const postingId = await this.ledger.fundCooperative(
          { coopname: body.coopname, amount, currency, source: PROVIDER_MASTER },
          tx,
        );
        await this.record(tx, 'virtual_cards.funds_allocated', actor, ip, {
          posting_id: postingId,
          coopname: body.coopname,
          amount,
          currency,
        });
        const balance = await this.ledger.ledger.balance(coopFunds(body.coopname), currency, tx);
        return { postingId, balance };
      });
    });
  }

  /**
   * One funding move under the admin's idempotency key: `move` posts it and reads the balance of
   * the account it credited; the answer is 201 with the posting, the amount and that balance.
   */
  private fundingOnce(
    key: string | undefined,
    body: FundMaster | AllocateFunds,
    actor: AdminActor,
    move: () => Promise<{ postingId: string; balance: number }>,
  ): Promise<IdempotentResult<FundingResult>> {
    return this.idempotency.run<FundingResult>(
      `admin:virtual-cards:${actor}`,
      key,
      body,
      async () => {
        const result = await move();
        return {
          status: 201,
          body: {
            posting_id: result.postingId,
            coopname: body.coopname,
            amount: body.amount,
            balance: { amount: result.balance, currency: body.amount.currency },
          },
        };
      },
    );
  }

  private async assertCooperative(coopname: string): Promise<void> {
    if (!(await this.cooperatives.find(coopname))) throw new AppError('NOT_FOUND', 404);
  }

  private async record(
    tx: Parameters<typeof appendChangeEvent>[0],
    type: string,
    actor: AdminActor,
    ip: string,
    data: Record<string, string | number | null>,
  ): Promise<void> {
    await appendChangeEvent(tx, {
      subjectId: PLATFORM_AUDIT_SUBJECT,
      event: adminEvent(this.audit, PLATFORM_AUDIT_SUBJECT, type, actor, data, ip),
    });
  }
}
