import {
  AIFORY_OPERATIONS,
  aiforySignature,
  type AiforyOperation,
  type AiforyRequest,
  type AiforyResult,
} from '@cardcoop/contracts';
import { attempt } from './aifory-call.js';
import { AiforyOutcomeUnknown, AiforyUnavailable } from './aifory-errors.js';
import type { AiforyMetrics } from './aifory-metrics.js';
import { fromWire, toWire } from './aifory-wire-mapping.js';
import type { AiforyProvider } from './aifory.provider.js';
import type * as T from './aifory.types.js';
import type { CircuitBreaker } from './circuit-breaker.js';

export interface HttpAiforyProviderOptions {
  /** `AIFORY_BASE_URL`, or a function of it (the embedded sandbox's URL once it listens). */
  baseUrl: string | (() => string | undefined);
  apiKey: string;
  apiSecret: string;
  /** Per attempt (`AIFORY_TIMEOUT_MS`). */
  timeoutMs: number;
  breaker: CircuitBreaker;
  metrics?: AiforyMetrics;
  /** Retries after the first attempt, at most 2. */
  maxRetries?: number;
  /** First backoff; doubles, with ±50 % jitter. */
  backoffMs?: number;
  /** When to come back if the breaker has not opened (seconds). */
  retryAfterSeconds?: number;
  fetch?: typeof fetch;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Aifory over HTTP (docs/adr/021): a signed JSON POST per operation, a timeout per attempt,
 * retries of the retry-safe operations (all of them: reads, end-state writes, and the two money
 * calls by their `request_id`) on 5xx, timeouts and network errors only, and a circuit breaker.
 */
export class HttpAiforyProvider implements AiforyProvider {
  private readonly fetch: typeof fetch;
  private readonly maxRetries: number;

  constructor(private readonly options: HttpAiforyProviderOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.maxRetries = Math.min(2, Math.max(0, options.maxRetries ?? 2));
  }

  offers(): Promise<T.CardOffer[]> {
    return this.call('cards/offers', {}, fromWire.offers);
  }
  calculate(offerId: string, amount: T.Money): Promise<T.OrderCalculation> {
    const body = { offer_id: offerId, amount: toWire.money(amount) };
    return this.call('cards/calculate', body, fromWire.calculate);
  }
  orderCard(input: T.OrderCardInput): Promise<T.IssuedCard> {
    return this.call('cards/order', toWire.orderCard(input), fromWire.orderCard, input.requestId);
  }
  listCards(cardIds?: string[]): Promise<T.ProviderCard[]> {
    return this.call('cards/list', cardIds ? { card_ids: cardIds } : {}, fromWire.listCards);
  }
  requisites(cardId: string): Promise<T.CardRequisites> {
    return this.call('cards/requisites', { card_id: cardId }, fromWire.requisites);
  }
  depositOffer(cardId: string): Promise<T.DepositOffer> {
    return this.call('cards/deposit/offer', { card_id: cardId }, fromWire.depositOffer);
  }
  depositCalculate(cardId: string, amount: T.Money): Promise<T.DepositCalculation> {
    const body = { card_id: cardId, amount: toWire.money(amount) };
    return this.call('cards/deposit/calculate', body, fromWire.depositCalculate);
  }
  orderDeposit(input: T.OrderDepositInput): Promise<T.Deposit> {
    const body = toWire.orderDeposit(input);
    return this.call('cards/deposit/order', body, fromWire.deposit, input.requestId);
  }
  orderStatus(requestId: string): Promise<T.IssuedCard> {
    return this.call('cards/order/status', { request_id: requestId }, fromWire.orderCard);
  }
  depositStatus(requestId: string): Promise<T.Deposit> {
    return this.call('cards/deposit/status', { request_id: requestId }, fromWire.deposit);
  }
  transactions(query: T.TransactionsQuery): Promise<T.TransactionPage> {
    return this.call('cards/transactions', toWire.transactions(query), fromWire.transactions);
  }
  transaction(transactionId: string): Promise<T.CardTransaction> {
    const body = { transaction_id: transactionId };
    return this.call('cards/transaction', body, fromWire.transaction);
  }
  freeze(cardId: string): Promise<T.CardStatusChange> {
    return this.call('cards/freeze', { card_id: cardId }, fromWire.status);
  }
  unfreeze(cardId: string): Promise<T.CardStatusChange> {
    return this.call('cards/unfreeze', { card_id: cardId }, fromWire.status);
  }
  setLimits(cardId: string, limits: T.CardLimits): Promise<T.CardLimitsChange> {
    const body = { card_id: cardId, limits: toWire.limits(limits) };
    return this.call('cards/limits', body, fromWire.limits);
  }
  masterBalance(): Promise<T.Money> {
    return this.call('account/balance', {}, fromWire.masterBalance);
  }

  private async call<O extends AiforyOperation, R>(
    operation: O,
    body: AiforyRequest<O>,
    map: (result: AiforyResult<O>) => R,
    requestId?: string,
  ): Promise<R> {
    const { breaker, metrics } = this.options;
    const spec = AIFORY_OPERATIONS[operation];
    const base =
      typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl;
    if (!base) throw new AiforyUnavailable(operation, 'not_configured', this.retryAfter());
    const text = JSON.stringify(body);
    const headers = {
      'Content-Type': 'application/json',
      'API-Key': this.options.apiKey,
      Signature: await aiforySignature(text, this.options.apiSecret),
    };
    const permit = breaker.acquire();
    if (!permit.allowed) {
      metrics?.count(operation, 'circuit_open');
      throw new AiforyUnavailable(operation, 'circuit_open', permit.retryAfterMs / 1000);
    }
    const url = `${base.replace(/\/$/, '')}/${operation}`;
    const retrySafe = spec.idempotent || spec.money;
    let reached = false;
    for (let tries = 0; ; tries += 1) {
      const started = performance.now();
      const outcome = await attempt({
        url,
        operation,
        spec,
        headers,
        body: text,
        timeoutMs: this.options.timeoutMs,
        fetch: this.fetch,
      });
      const seconds = (performance.now() - started) / 1000;
      if (outcome.kind === 'ok') {
        metrics?.count(operation, 'ok', seconds);
        breaker.success();
        return map(outcome.result as AiforyResult<O>);
      }
      if (outcome.kind === 'refused') {
        // A definite answer: Aifory is up, and asking again would get the same.
        metrics?.count(operation, 'business_error', seconds);
        breaker.success();
        throw outcome.error;
      }
      metrics?.count(operation, outcome.reason, seconds);
      reached ||= outcome.maybeReached;
      if (retrySafe && outcome.reason !== 'malformed' && tries < this.maxRetries) {
        const backoff = (this.options.backoffMs ?? 100) * 2 ** tries;
        await sleep(backoff * (0.5 + Math.random()));
        continue;
      }
      breaker.failure();
      const cause = { cause: outcome.cause };
      if (spec.money && reached && requestId)
        throw new AiforyOutcomeUnknown(
          operation,
          outcome.reason,
          this.retryAfter(),
          requestId,
          cause,
        );
      throw new AiforyUnavailable(operation, outcome.reason, this.retryAfter(), cause);
    }
  }

  /** Seconds until Aifory is worth asking again: the breaker's cool-down if open. */
  private retryAfter(): number {
    const remaining = this.options.breaker.remainingMs();
    return remaining > 0 ? remaining / 1000 : (this.options.retryAfterSeconds ?? 5);
  }
}
