import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AiforyDeposit,
  AiforyMerchant,
  AiforyMoney,
  AiforyTransaction,
} from '@cardcoop/contracts';
import { SandboxFaults } from './faults.js';
import { silent } from './log.js';
import type { SandboxContext } from './operations/context.js';
import { setStatus } from './operations/cards.js';
import { purchase } from './operations/transactions.js';
import { DEFAULT_MASTER_BALANCE, DEFAULT_OFFER } from './options.js';
import type { AiforySandboxOptions } from './options.js';
import { createRequestHandler } from './server.js';
import type { SandboxRequestRecord } from './server.js';
import { SandboxState } from './state.js';
import type { SandboxCard } from './state.js';
import { SandboxWebhooks } from './webhooks.js';
import type { WebhookDelivery } from './webhooks.js';

/** A running sandbox and what tests may do to it and read from it. */
export interface AiforySandbox {
  /** The base URL: operations are `POST ${url}/cards/order` and so on. */
  readonly url: string;
  readonly port: number;
  readonly faults: SandboxFaults;
  /** Stops listening, drops held (`timeout`) requests and pending deposits, stops webhooks. */
  close(): Promise<void>;
  /**
   * A merchant charges the card (`amount` as a number is in the card's currency): approved, or
   * declined for `card_frozen`, `card_closed`, `currency_mismatch`, a limit or
   * `insufficient_funds`. Emits `transaction.created` either way.
   */
  purchase(
    cardId: string,
    amount: AiforyMoney | number,
    merchant?: AiforyMerchant | string,
  ): AiforyTransaction;
  /** Closes a card for good (emits `card.status_changed`). */
  closeCard(cardId: string): void;
  /** Every card with its PAN, CVV and expiry (for tests; never log them). */
  cards(): SandboxCard[];
  masterBalance(): AiforyMoney;
  /** Sets the master account's amount (same currency), e.g. to make an order fail. */
  setMasterBalance(amount: number): void;
  transactions(): AiforyTransaction[];
  deposits(): AiforyDeposit[];
  webhookDeliveries(): WebhookDelivery[];
  /** Every request answered (or held by `timeout`), oldest first. */
  requests(): SandboxRequestRecord[];
  /** Resolves once pending async deposits have settled and their webhooks were sent. */
  idle(): Promise<void>;
}

/**
 * Starts an in-memory emulator of Aifory's card API as we model it (docs/adr/021).
 *
 * @example
 * const sandbox = await startAiforySandbox({ apiKey: 'key', apiSecret: 'secret' });
 * // AIFORY_BASE_URL = sandbox.url
 * await sandbox.close();
 */
export async function startAiforySandbox(options: AiforySandboxOptions): Promise<AiforySandbox> {
  if (!options.apiKey || !options.apiSecret) throw new Error('apiKey and apiSecret are required');
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? silent;
  const faults = new SandboxFaults();
  const state = new SandboxState(
    clock,
    options.masterBalance ?? DEFAULT_MASTER_BALANCE,
    structuredClone(options.offers ?? [DEFAULT_OFFER]),
  );
  const webhooks = new SandboxWebhooks({
    ...(options.webhookUrl ? { url: options.webhookUrl } : {}),
    secret: options.webhookSecret ?? options.apiSecret,
    clock,
    faults,
    log,
    backoffMs: options.webhookBackoffMs ?? [50, 200, 500],
    timeoutMs: options.webhookTimeoutMs ?? 5000,
  });
  const ctx: SandboxContext = {
    state,
    webhooks,
    faults,
    settlement: options.depositSettlement ?? 'immediate',
    settlementDelayMs: options.depositSettlementDelayMs ?? 100,
    settling: new Map(),
  };
  const records: SandboxRequestRecord[] = [];
  const held = new Set<ServerResponse>();
  const closing = new AbortController();

  const handle: Omit<AiforySandbox, 'url' | 'port' | 'close'> = {
    faults,
    purchase: (cardId, amount, merchant) => purchase(ctx, cardId, amount, merchant),
    closeCard: (cardId) => void setStatus(ctx, cardId, 'closed'),
    cards: () => [...state.cards.values()].map((card) => structuredClone(card)),
    masterBalance: () => ({ ...state.master }),
    setMasterBalance: (amount) => {
      state.master.amount = amount;
    },
    transactions: () => [...state.transactions.values()].map((t) => structuredClone(t)),
    deposits: () => [...state.deposits.values()].map((d) => structuredClone(d)),
    webhookDeliveries: () => webhooks.deliveries(),
    requests: () => records.map((record) => ({ ...record })),
    idle: async () => {
      while (ctx.settling.size > 0) {
        await Promise.all([...ctx.settling.values()].map((entry) => entry.done));
      }
      await webhooks.idle();
    },
  };

  const server = createServer(
    createRequestHandler({
      ctx,
      apiKey: options.apiKey,
      apiSecret: options.apiSecret,
      controlApi: options.controlApi ?? false,
      log,
      records,
      held,
      closing: closing.signal,
      purchase: handle.purchase,
      snapshot: () => ({
        master_balance: handle.masterBalance(),
        cards: handle.cards(),
        transactions: handle.transactions(),
        deposits: handle.deposits(),
        webhook_deliveries: handle.webhookDeliveries(),
        faults: faults.list(),
      }),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    ...handle,
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () => {
      closed ??= shutdown();
      return closed;
    },
  };

  async function shutdown(): Promise<void> {
    closing.abort();
    for (const { timer } of ctx.settling.values()) clearTimeout(timer);
    ctx.settling.clear();
    for (const res of held) res.destroy();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await Promise.all([stopped, webhooks.close()]);
  }
}
