import type { AiforyMoney, AiforyOffer } from '@cardcoop/contracts';
import type { SandboxLog } from './log.js';

export interface AiforySandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  apiKey: string;
  apiSecret: string;
  /** Where webhooks go; none: events are recorded as `skipped`. */
  webhookUrl?: string;
  /** Default: apiSecret. */
  webhookSecret?: string;
  /** The operator's master account at start. Default 10 000 000 USD cents. */
  masterBalance?: AiforyMoney;
  /** Card offers; all in the master account's currency. Default: one USD offer. */
  offers?: AiforyOffer[];
  /** `immediate` (default): a deposit completes in its request; `async`: it answers `pending`. */
  depositSettlement?: 'immediate' | 'async';
  /** The delay of an `async` deposit. Default 100 ms. */
  depositSettlementDelayMs?: number;
  /** Serve /_sandbox/faults, /_sandbox/purchase and /_sandbox/state (signed). Default false. */
  controlApi?: boolean;
  /** Waits before each webhook retry; its length is the number of retries. Default [50, 200, 500]. */
  webhookBackoffMs?: number[];
  /** A webhook attempt gives up after this long. Default 5000 ms. */
  webhookTimeoutMs?: number;
  /** The sandbox's clock (tests move it to page by time or cross a day). Default: real time. */
  clock?: () => Date;
  log?: SandboxLog;
}

export const DEFAULT_OFFER: AiforyOffer = {
  offer_id: 'offer_usd_virtual',
  name: 'Virtual USD card',
  currency: 'USD',
  issue_fee: { amount: 500, currency: 'USD' },
  topup_fee_bps: 150,
  min_topup: { amount: 1000, currency: 'USD' },
  max_topup: { amount: 500000, currency: 'USD' },
};

export const DEFAULT_MASTER_BALANCE: AiforyMoney = { amount: 10_000_000, currency: 'USD' };
