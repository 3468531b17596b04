import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ReconciliationList, ReconciliationRun } from '@cardcoop/contracts';
import type { ReconciliationDifference, ReconciliationSummary } from '../../db/schema/index.js';
import { AIFORY_PROVIDER } from '../aifory/provider/aifory.provider.js';
import type { AiforyProvider, Money, ProviderCard } from '../aifory/provider/aifory.provider.js';
import { AiforyUnavailable } from '../aifory/provider/aifory-errors.js';
import { cardAccount } from '../ledger/accounts.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { MasterAccountService } from './master-account.service.js';
import { VirtualCardsAdminRepository } from './virtual-cards-admin.repository.js';
import type { ReconciliationRunRow } from './virtual-cards-admin.repository.js';

type RunRow = ReconciliationRunRow;

const present = (row: RunRow): ReconciliationRun => ({
  id: row.id,
  trigger: row.trigger,
  created_at: row.createdAt.toISOString(),
  difference_count: row.differenceCount,
  summary: row.summary,
  differences: row.differences,
});

const difference = (
  fields: Partial<ReconciliationDifference> &
    Pick<ReconciliationDifference, 'kind' | 'currency' | 'ours' | 'theirs'>,
): ReconciliationDifference => ({
  card_id: null,
  last4: null,
  operation_id: null,
  ...fields,
  delta: fields.ours - (fields.theirs ?? 0),
});

/**
 * Reconciles the ledger with Aifory (ADR 021): each of our virtual cards' `card:<id>` balance
 * with the provider's, the master account with the ledger's view of it (unallocated + the
 * cooperatives' funds + in transit), and lists operations pending longer than
 * `pendingAfterSeconds`. Every run is kept (`reconciliation_runs`) with its differences.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciliation');
  /** An operation pending longer than this is reported (ten minutes). */
  pendingAfterSeconds = 600;

  constructor(
    @Inject(VirtualCardsAdminRepository) private readonly repository: VirtualCardsAdminRepository,
    @Inject(AIFORY_PROVIDER) private readonly provider: AiforyProvider,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(MasterAccountService) private readonly master: MasterAccountService,
  ) {}

  async run(trigger: 'job' | 'admin', actor: string | null = null): Promise<ReconciliationRun> {
    const pending = await this.ledger.operations.listPending(this.pendingAfterSeconds, 1000);
    const differences: ReconciliationDifference[] = pending.map((operation) =>
      difference({
        kind: 'pending',
        operation_id: operation.id,
        card_id: operation.cardId,
        currency: operation.currency,
        ours: operation.amount + operation.fee,
        theirs: null,
      }),
    );
    let summary: ReconciliationSummary;
    try {
      const [theirCards, theirMaster] = await Promise.all([
        this.provider.listCards(),
        this.provider.masterBalance(),
      ]);
      const cardsChecked = await this.compareCards(theirCards, differences);
      await this.compareMaster(theirMaster, differences);
      summary = { cards_checked: cardsChecked, pending_operations: pending.length, outcome: 'ok' };
    } catch (error) {
      if (!(error instanceof AiforyUnavailable)) throw error;
      this.logger.warn(`reconciliation without the provider: ${error.reason}`);
      summary = {
        cards_checked: 0,
        pending_operations: pending.length,
        outcome: 'provider_unavailable',
      };
    }
    const row = await this.repository.insertRun({
      trigger,
      actor,
      differenceCount: differences.length,
      summary,
      differences,
    });
    return present(row);
  }

  async latest(limit: number): Promise<ReconciliationList> {
    return { items: (await this.repository.latestRuns(limit)).map(present) };
  }

  /** Each of our cards against the provider's list; the number of cards compared. */
  private async compareCards(
    theirs: ProviderCard[],
    differences: ReconciliationDifference[],
  ): Promise<number> {
    const byProviderId = new Map(theirs.map((card) => [card.cardId, card]));
    const [ours, balances] = await Promise.all([
      this.repository.allCards(),
      this.ledger.ledger.balances('card:'),
    ]);
    const ledgerBalance = new Map(
      balances.map(({ account, currency, balance }) => [`${account}|${currency}`, balance]),
    );
    for (const card of ours) {
      const balance = ledgerBalance.get(`${cardAccount(card.id)}|${card.currency}`) ?? 0;
      const their = byProviderId.get(card.providerCardId);
      // A card the provider no longer lists (closed) holding nothing is no difference.
      if (!their && balance === 0) continue;
      const theirBalance =
        their && their.balance.currency === card.currency ? their.balance.amount : null;
      if (theirBalance === balance) continue;
      differences.push(
        difference({
          kind: 'card',
          card_id: card.id,
          last4: card.last4,
          currency: card.currency,
          ours: balance,
          theirs: theirBalance,
        }),
      );
    }
    return ours.length;
  }

  /** The master account in each currency either side knows. */
  private async compareMaster(theirs: Money, differences: ReconciliationDifference[]) {
    const { expected } = await this.master.ledgerView();
    const currencies = new Set([theirs.currency, ...expected.map(({ currency }) => currency)]);
    for (const currency of currencies) {
      const ours = expected.find((money) => money.currency === currency)?.amount ?? 0;
      const their = theirs.currency === currency ? theirs.amount : 0;
      if (ours !== their)
        differences.push(difference({ kind: 'master', currency, ours, theirs: their }));
    }
  }
}
