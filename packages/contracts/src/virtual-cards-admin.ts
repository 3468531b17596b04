import { z } from 'zod';
import { expectedRevisionSchema } from './revision.js';
import { checkDateRange } from './activity.js';
import { moneySchema } from './balances.js';
import { antelopeNameSchema } from './card.js';
import { positiveMoneySchema, virtualCardStatusSchema } from './virtual-cards.js';

/**
 * Virtual cards seen by the cooperative (business panel) and by the operator (platform admin),
 * issue 15 / ADR 021. Amounts are integer minor units with their currency; a list of `Money` holds
 * one entry per currency. Nothing here carries a card's number, CVV or expiry.
 */

const datetime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const minorUnits = moneySchema.shape.amount;
const cursor = z.string().max(200).optional();
const pageLimit = z.coerce.number().int().min(1).max(100).default(25);

/** A date range, both days included (UTC), at most 366 days. */
export const virtualCardsReportQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .superRefine(checkDateRange);
export type VirtualCardsReportQuery = z.input<typeof virtualCardsReportQuerySchema>;

/** A cooperative's conditions for virtual cards. Amounts: minor units of the cards' currency. */
export const virtualCardConditionsSchema = z.object({
  issuing: z.boolean(),
  max_cards_per_member: z.number().int().min(1).max(20),
  /** Top-ups of one card per calendar month; null: no cap. */
  monthly_top_up_cap: minorUnits.min(1).nullable(),
  /** Below this the cooperative's funds are "low"; null: no warning. */
  low_funds_threshold: minorUnits.nullable(),
  default_limits: z.object({
    per_transaction: minorUnits.min(1).nullable(),
    daily: minorUnits.min(1).nullable(),
    monthly: minorUnits.min(1).nullable(),
  }),
});
export type VirtualCardConditions = z.infer<typeof virtualCardConditionsSchema>;

/** `PUT …/virtual-cards/conditions`: on top of `expected_revision` (0 when none were set). */
export const putVirtualCardConditionsSchema = virtualCardConditionsSchema.extend({
  expected_revision: expectedRevisionSchema(0),
});
export type PutVirtualCardConditions = z.infer<typeof putVirtualCardConditionsSchema>;

export const virtualCardConditionsStateSchema = virtualCardConditionsSchema.extend({
  /** 0: never set (these are the defaults). */
  revision: z.number().int().min(0),
  updated_at: datetime.nullable(),
});
export type VirtualCardConditionsState = z.infer<typeof virtualCardConditionsStateSchema>;

const statusCounts = z.object({
  active: z.number().int().min(0),
  frozen: z.number().int().min(0),
  closed: z.number().int().min(0),
});

/** `GET /business/cooperatives/{coopname}/virtual-cards`. */
export const businessVirtualCardsOverviewSchema = z.object({
  coopname: z.string(),
  /** At the extended level (approved by the payment-system operator): cards may be issued. */
  extended: z.boolean(),
  /** `coop:<coopname>:funds` per currency. */
  funds: z.array(moneySchema),
  /** Top-ups and issues sent to the provider and not settled yet (reserved from the funds). */
  in_transit: z.array(moneySchema),
  pending_operations: z.number().int().min(0),
  low_funds: z.boolean(),
  cards: statusCounts,
  conditions: virtualCardConditionsStateSchema,
});
export type BusinessVirtualCardsOverview = z.infer<typeof businessVirtualCardsOverviewSchema>;

export const businessVirtualCardsQuerySchema = z.object({
  status: virtualCardStatusSchema.optional(),
  cursor,
  limit: pageLimit,
});
export type BusinessVirtualCardsQuery = z.input<typeof businessVirtualCardsQuerySchema>;

/** A card as the cooperative sees it: whose, the last 4 digits, status, balance. */
export const businessVirtualCardSchema = z.object({
  card_id: z.uuid(),
  username: z.string(),
  last4: z.string().regex(/^\d{4}$/),
  status: virtualCardStatusSchema,
  balance: moneySchema,
  issued_at: datetime,
});
export const businessVirtualCardPageSchema = z.object({
  items: z.array(businessVirtualCardSchema),
  next_cursor: z.string().nullable(),
});
export type BusinessVirtualCardPage = z.infer<typeof businessVirtualCardPageSchema>;

export const businessTopUpsQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(['pending', 'confirmed', 'failed']).optional(),
  cursor,
  limit: pageLimit,
});
export type BusinessTopUpsQuery = z.input<typeof businessTopUpsQuerySchema>;

/** A money operation of the cooperative: a top-up, or a card's issue (its fee). */
export const businessTopUpSchema = z.object({
  operation_id: z.uuid(),
  kind: z.enum(['card_topup', 'card_issue']),
  card_id: z.uuid().nullable(),
  last4: z.string().nullable(),
  username: z.string().nullable(),
  status: z.enum(['pending', 'confirmed', 'failed']),
  amount: moneySchema,
  fee: moneySchema,
  failure: z.string().nullable(),
  created_at: datetime,
  settled_at: datetime.nullable(),
});
export const businessTopUpPageSchema = z.object({
  items: z.array(businessTopUpSchema),
  next_cursor: z.string().nullable(),
});
export type BusinessTopUpPage = z.infer<typeof businessTopUpPageSchema>;

/** One card over the report's range (one currency: the card's). */
export const virtualCardReportCardSchema = z.object({
  card_id: z.uuid(),
  coopname: z.string(),
  username: z.string(),
  last4: z.string(),
  currency: z.string(),
  opening_balance: z.number().int(),
  top_ups: minorUnits,
  /** Approved purchases. */
  spent: minorUnits,
  refunds: minorUnits,
  closing_balance: z.number().int(),
});
export type VirtualCardReportCard = z.infer<typeof virtualCardReportCardSchema>;

/** Per currency over the range: turnover, top-ups, fees (closing = opening + top-ups − spent + refunds). */
export const virtualCardReportTotalSchema = z.object({
  currency: z.string(),
  purchases: minorUnits,
  purchase_count: z.number().int().min(0),
  refunds: minorUnits,
  top_ups: minorUnits,
  top_up_count: z.number().int().min(0),
  /** Fees of top-ups and card issues confirmed in the range. */
  fees: minorUnits,
  opening_balance: z.number().int(),
  closing_balance: z.number().int(),
});
export type VirtualCardReportTotal = z.infer<typeof virtualCardReportTotalSchema>;

/** `GET …/virtual-cards/report`: one cooperative's cards over a range. */
export const virtualCardsReportSchema = z.object({
  coopname: z.string(),
  from: isoDate,
  to: isoDate,
  totals: z.array(virtualCardReportTotalSchema),
  cards: z.array(virtualCardReportCardSchema),
});
export type VirtualCardsReport = z.infer<typeof virtualCardsReportSchema>;

/** `GET /admin/virtual-cards/report`: every cooperative, and the totals across them. */
export const platformVirtualCardsReportSchema = z.object({
  from: isoDate,
  to: isoDate,
  totals: z.array(virtualCardReportTotalSchema),
  cooperatives: z.array(virtualCardsReportSchema),
});
export type PlatformVirtualCardsReport = z.infer<typeof platformVirtualCardsReportSchema>;

/** `GET /admin/virtual-cards`: the master account at Aifory and the ledger's view of it. */
export const virtualCardsMasterSchema = z.object({
  /** What Aifory says is on the master account now. */
  provider: moneySchema,
  ledger: z.object({
    /** `provider:master`: put on the master account and not allocated to a cooperative. */
    unallocated: z.array(z.object({ amount: z.number().int(), currency: z.string() })),
    /** Σ `coop:*:funds`. */
    cooperatives: z.array(z.object({ amount: z.number().int(), currency: z.string() })),
    /** `transit:deposits`: sent to the provider, not settled. */
    in_transit: z.array(z.object({ amount: z.number().int(), currency: z.string() })),
    /** The sum of the three: what the master account should hold. */
    expected: z.array(z.object({ amount: z.number().int(), currency: z.string() })),
  }),
  /** Every ledger entry summed per currency: 0 each, or the ledger is broken. */
  trial_balance: z.array(z.object({ amount: z.number().int(), currency: z.string() })),
  trial_balance_ok: z.boolean(),
  cooperatives: z.array(z.object({ coopname: z.string(), funds: z.array(moneySchema) })),
});
export type VirtualCardsMaster = z.infer<typeof virtualCardsMasterSchema>;

/** `POST /admin/virtual-cards/fund`: money put on the master account (Idempotency-Key). */
export const fundMasterSchema = z.object({
  /** The cooperative it is for; null: unallocated (stays on `provider:master`). */
  coopname: antelopeNameSchema.nullable(),
  amount: positiveMoneySchema,
  /** The payment's reference (bank transfer, invoice), kept in the audit event. */
  reference: z.string().trim().min(1).max(200),
});
export type FundMaster = z.infer<typeof fundMasterSchema>;

/** `POST /admin/virtual-cards/allocate`: unallocated money to a cooperative's funds. */
export const allocateFundsSchema = z.object({
  coopname: antelopeNameSchema,
  amount: positiveMoneySchema,
});
export type AllocateFunds = z.infer<typeof allocateFundsSchema>;

export const fundingResultSchema = z.object({
  posting_id: z.uuid(),
  coopname: z.string().nullable(),
  amount: moneySchema,
  /** The cooperative's funds after it (null: unallocated), or the unallocated rest. */
  balance: moneySchema,
});
export type FundingResult = z.infer<typeof fundingResultSchema>;

export const reconciliationDifferenceSchema = z.object({
  kind: z.enum(['card', 'master', 'pending']),
  card_id: z.string().nullable(),
  last4: z.string().nullable(),
  operation_id: z.string().nullable(),
  currency: z.string(),
  ours: z.number().int(),
  theirs: z.number().int().nullable(),
  delta: z.number().int(),
});
export type ReconciliationDifference = z.infer<typeof reconciliationDifferenceSchema>;

export const reconciliationRunSchema = z.object({
  id: z.uuid(),
  trigger: z.enum(['job', 'admin']),
  created_at: datetime,
  difference_count: z.number().int().min(0),
  summary: z.object({
    cards_checked: z.number().int().min(0),
    pending_operations: z.number().int().min(0),
    outcome: z.enum(['ok', 'provider_unavailable']),
  }),
  differences: z.array(reconciliationDifferenceSchema),
});
export type ReconciliationRun = z.infer<typeof reconciliationRunSchema>;
export const reconciliationListSchema = z.object({ items: z.array(reconciliationRunSchema) });
export type ReconciliationList = z.infer<typeof reconciliationListSchema>;
export const reconciliationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
