import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import {
  cardAccount,
  coopFunds,
  EXTERNAL_FUNDING,
  EXTERNAL_MERCHANTS,
  FEES_OPERATOR,
  LedgerInvariantError,
  PROVIDER_MASTER,
  TRANSIT_DEPOSITS,
} from './accounts.js';
import { LedgerRepository } from './ledger.repository.js';
import type { LedgerEntryInput, PostingInput } from './ledger.repository.js';
import { MoneyOperationsRepository } from './money-operations.repository.js';
import type {
  MoneyOperationRow,
  NewMoneyOperation,
  Settlement,
} from './money-operations.repository.js';

interface Money {
  amount: number;
  currency: string;
}
interface CardMovement extends Money {
  cardId: string;
  /** The outside event (e.g. `aifory:transaction:<id>`): posted once per ref. */
  ref?: string | undefined;
  operationId?: string | undefined;
}
interface Reservation {
  operationId: string;
  coopname: string;
  amount: number;
  fee: number;
  currency: string;
}

/** Drops zero entries (a zero fee), so a posting never carries one. */
/** Operation ids are UUIDs: another id (say, a provider's echo of garbage) names none. */
const OPERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const nonZero = (entries: LedgerEntryInput[]) => entries.filter(({ amount }) => amount !== 0);

/**
 * The money movements of ADR 021, one posting each. Every method takes an optional transaction
 * (`tx`); without one it opens its own. Amounts are JS numbers of integer minor units.
 */
@Injectable()
export class LedgerService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    readonly ledger: LedgerRepository,
    readonly operations: MoneyOperationsRepository,
  ) {}

  private inTx<T>(tx: AppDatabase | undefined, run: (tx: AppDatabase) => Promise<T>) {
    return tx ? run(tx) : this.database.primary.transaction((own) => run(own));
  }

  /** Any posting, validated (≥2 entries, sum zero per currency, known accounts). */
  post(tx: AppDatabase, posting: PostingInput): Promise<string> {
    return this.ledger.post(tx, posting);
  }

  /** Money put on the master account for a cooperative (or allocated from `provider:master`). */
  fundCooperative(
    input: Money & { coopname: string; source?: 'external:funding' | 'provider:master' },
    tx?: AppDatabase,
  ): Promise<string> {
    const source = input.source === PROVIDER_MASTER ? PROVIDER_MASTER : EXTERNAL_FUNDING;
    return this.inTx(tx, (t) =>
      this.ledger.post(t, {
        kind: 'fund',
        entries: [
          { account: source, amount: -input.amount, currency: input.currency },
          { account: coopFunds(input.coopname), amount: input.amount, currency: input.currency },
        ],
      }),
    );
  }

  /**
   * `coop funds −(A+F)`, `transit +(A+F)`. Refuses (422 INSUFFICIENT_FUNDS) when the
   * cooperative's funds are short, checked under a lock on its account.
   */
  reserveTopUp(input: Reservation, tx?: AppDatabase): Promise<string> {
    const total = input.amount + input.fee;
    const funds = coopFunds(input.coopname);
    return this.inTx(tx, async (t) => {
      await this.ledger.lock(t, funds);
      if ((await this.ledger.balance(funds, input.currency, t)) < total) {
        throw new AppError('INSUFFICIENT_FUNDS', 422);
      }
      return this.ledger.post(t, {
        kind: 'topup.reserve',
        operationId: input.operationId,
        entries: [
          { account: funds, amount: -total, currency: input.currency },
          { account: TRANSIT_DEPOSITS, amount: total, currency: input.currency },
        ],
      });
    });
  }

  /** The provider confirmed: `transit −(A+F)`, `card +A`, `fees +F`. */
  confirmTopUp(input: Omit<Reservation, 'coopname'> & { cardId: string }, tx?: AppDatabase) {
    const { currency } = input;
    return this.inTx(tx, (t) =>
      this.ledger.post(t, {
        kind: 'topup.confirm',
        operationId: input.operationId,
        entries: nonZero([
          { account: TRANSIT_DEPOSITS, amount: -(input.amount + input.fee), currency },
          { account: cardAccount(input.cardId), amount: input.amount, currency },
          { account: FEES_OPERATOR, amount: input.fee, currency },
        ]),
      }),
    );
  }

  /** The provider refused: `transit −(A+F)`, `coop funds +(A+F)`. */
  failTopUp(input: Reservation, tx?: AppDatabase): Promise<string> {
    const total = input.amount + input.fee;
    return this.inTx(tx, (t) =>
      this.ledger.post(t, {
        kind: 'topup.fail',
        operationId: input.operationId,
        entries: [
          { account: TRANSIT_DEPOSITS, amount: -total, currency: input.currency },
          { account: coopFunds(input.coopname), amount: total, currency: input.currency },
        ],
      }),
    );
  }

  /** A fee taken straight from the cooperative's funds: `coop −F`, `fees +F`. */
  chargeIssueFee(
    input: { coopname: string; fee: number; currency: string; operationId?: string },
    tx?: AppDatabase,
  ): Promise<string> {
    return this.inTx(tx, (t) =>
      this.ledger.post(t, {
        kind: 'issue.fee',
        operationId: input.operationId,
        entries: [
          { account: coopFunds(input.coopname), amount: -input.fee, currency: input.currency },
          { account: FEES_OPERATOR, amount: input.fee, currency: input.currency },
        ],
      }),
    );
  }

  /**
   * Spent at a merchant: `card −X`, `external:merchants +X`. With `ref` (the provider's
   * transaction), posted once: undefined when it was recorded before.
   */
  recordPurchase(input: CardMovement, tx?: AppDatabase): Promise<string | undefined> {
    return this.cardMovement('purchase', input, -input.amount, tx);
  }

  /** Returned by a merchant: `card +X`, `external:merchants −X`; once per `ref` like a purchase. */
  recordRefund(input: CardMovement, tx?: AppDatabase): Promise<string | undefined> {
    return this.cardMovement('refund', input, input.amount, tx);
  }

  private cardMovement(
    kind: string,
    input: CardMovement,
    toCard: number,
    tx: AppDatabase | undefined,
  ): Promise<string | undefined> {
    const posting = {
      kind,
      operationId: input.operationId,
      entries: [
        { account: cardAccount(input.cardId), amount: toCard, currency: input.currency },
        { account: EXTERNAL_MERCHANTS, amount: -toCard, currency: input.currency },
      ],
    };
    const { ref } = input;
    return this.inTx(tx, (t) =>
      ref ? this.ledger.postOnce(t, { ...posting, ref }) : this.ledger.post(t, posting),
    );
  }

  /**
   * A pending money operation and its reservation (`coop −(A+F)`, `transit +(A+F)`) in one
   * transaction: call before asking the provider, with the row's id as its `request_id`.
   * 422 INSUFFICIENT_FUNDS leaves nothing behind.
   */
  startOperation(operation: NewMoneyOperation, tx?: AppDatabase): Promise<MoneyOperationRow> {
    return this.inTx(tx, async (t) => {
      const row = await this.operations.create(t, operation);
      await this.reserveTopUp(reservationOf(row), t);
      return row;
    });
  }

  /**
   * Settles a pending operation and posts its outcome in one transaction, exactly once: the
   * caller that moved it out of `pending` gets the row; any later or concurrent one undefined.
   * Confirming an operation with an amount needs the card (`outcome.cardId` or the row's).
   * An id that is no UUID names no operation: undefined too.
   */
  settleOperation(
    id: string,
    outcome: Settlement,
    tx?: AppDatabase,
  ): Promise<MoneyOperationRow | undefined> {
    if (!OPERATION_ID.test(id)) return Promise.resolve(undefined);
    return this.inTx(tx, async (t) => {
      const row = await this.operations.settle(t, id, outcome);
      if (!row) return undefined;
      if (row.status === 'failed') {
        await this.failTopUp(reservationOf(row), t);
      } else if (row.amount > 0 && !row.cardId) {
        throw new LedgerInvariantError(`operation ${id} confirmed without a card`);
      } else if (row.amount > 0) {
        await this.confirmTopUp({ ...reservationOf(row), cardId: row.cardId! }, t);
      } else {
        await this.ledger.post(t, {
          kind: 'topup.confirm',
          operationId: row.id,
          entries: [
            { account: TRANSIT_DEPOSITS, amount: -row.fee, currency: row.currency },
            { account: FEES_OPERATOR, amount: row.fee, currency: row.currency },
          ],
        });
      }
      return row;
    });
  }
}

const reservationOf = (row: MoneyOperationRow): Reservation => ({
  operationId: row.id,
  coopname: row.coopname,
  amount: row.amount,
  fee: row.fee,
  currency: row.currency,
});
