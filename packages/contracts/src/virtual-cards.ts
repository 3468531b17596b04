import { z } from 'zod';
import { expectedRevisionSchema } from './revision.js';
import { moneySchema } from './balances.js';
import { antelopeNameSchema } from './card.js';

/**
 * Aifory virtual cards (issue 15, ADR 021) as card.coop's API shows them. A virtual card is never
 * "card" alone: that is the member card. Amounts are integer minor units of an ISO currency.
 */

/** A positive sum of money. */
export const positiveMoneySchema = z.object({
  amount: moneySchema.shape.amount.min(1),
  currency: moneySchema.shape.currency,
});

/** `Idempotency-Key` of every money-moving request: 8–255 of `A-Z a-z 0-9 _ - : .`. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_:.-]{8,255}$/, 'must be 8-255 letters, digits or _ - : .');

export const VIRTUAL_CARD_STATUSES = ['active', 'frozen', 'closed'] as const;
export const virtualCardStatusSchema = z.enum(VIRTUAL_CARD_STATUSES);

/** Spending limits of one virtual card; null: no limit of that kind. */
export const cardLimitsSchema = z.object({
  per_transaction: moneySchema.shape.amount.min(1).nullable(),
  daily: moneySchema.shape.amount.min(1).nullable(),
  monthly: moneySchema.shape.amount.min(1).nullable(),
});
export type CardLimits = z.infer<typeof cardLimitsSchema>;

/** What card.coop keeps of a virtual card: no number, no CVV, no expiry — the last 4 digits. */
export const virtualCardSchema = z.object({
  card_id: z.uuid(),
  coopname: z.string(),
  last4: z.string().regex(/^\d{4}$/),
  status: virtualCardStatusSchema,
  balance: moneySchema,
  limits: cardLimitsSchema,
  /** Top-ups sent to the provider and not settled yet. */
  pending_top_ups: z.number().int().min(0),
  issued_at: z.string().datetime({ offset: true }),
  revision: z.number().int(),
});
export type VirtualCard = z.infer<typeof virtualCardSchema>;
export const virtualCardListSchema = z.object({ items: z.array(virtualCardSchema) });

/** `POST /aifory/issue-card`. */
export const issueVirtualCardSchema = z.object({
  coopname: antelopeNameSchema,
  /** The name printed on the card, Latin capitals as the provider needs; sent, never stored. */
  holder_name: z
    .string()
    .regex(/^[A-Z][A-Z' -]{1,48}[A-Z]$/, 'Latin capital letters, spaces, hyphens, apostrophes'),
  offer_id: z.string().min(1).max(64).optional(),
});
export type IssueVirtualCard = z.infer<typeof issueVirtualCardSchema>;

/** `GET /aifory/card-details/{card_id}`: fetched live after a step-up, never stored or cached. */
export const cardDetailsSchema = z.object({
  card_id: z.uuid(),
  pan: z.string().regex(/^\d{12,19}$/),
  expiry: z.string().regex(/^(0[1-9]|1[0-2])\/\d{2}$/),
  cvv: z.string().regex(/^\d{3,4}$/),
  holder_name: z.string(),
  billing_address: z.string().nullable(),
});
export type CardDetails = z.infer<typeof cardDetailsSchema>;

/** `POST /aifory/top-up`. */
export const topUpSchema = z.object({
  card_id: z.uuid(),
  amount: positiveMoneySchema,
});
export type TopUp = z.infer<typeof topUpSchema>;

export const MONEY_OPERATION_STATUSES = ['pending', 'confirmed', 'failed'] as const;

/** A top-up as the member sees it: pending until the provider confirms it, or failed. */
export const topUpResultSchema = z.object({
  operation_id: z.uuid(),
  card_id: z.uuid(),
  status: z.enum(MONEY_OPERATION_STATUSES),
  amount: moneySchema,
  fee: moneySchema,
  /** Why it failed, a stable code (`insufficient_funds`, `limit_exceeded`, `provider_refused`). */
  failure: z.string().nullable(),
  created_at: z.string().datetime({ offset: true }),
  settled_at: z.string().datetime({ offset: true }).nullable(),
});
export type TopUpResult = z.infer<typeof topUpResultSchema>;

export const CARD_TRANSACTION_TYPES = ['purchase', 'refund', 'deposit', 'fee'] as const;
export const CARD_TRANSACTION_STATUSES = ['approved', 'declined', 'reversed'] as const;

export const cardTransactionSchema = z.object({
  transaction_id: z.string(),
  type: z.enum(CARD_TRANSACTION_TYPES),
  status: z.enum(CARD_TRANSACTION_STATUSES),
  amount: moneySchema,
  merchant: z.string().nullable(),
  decline_reason: z.string().nullable(),
  created_at: z.string().datetime({ offset: true }),
});
export type CardTransaction = z.infer<typeof cardTransactionSchema>;

/** `GET /aifory/transactions/{card_id}`: newest first, a page at a time. */
export const cardTransactionsQuerySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  type: z.enum(CARD_TRANSACTION_TYPES).optional(),
  status: z.enum(CARD_TRANSACTION_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const cardTransactionPageSchema = z.object({
  items: z.array(cardTransactionSchema),
  next_cursor: z.string().nullable(),
});

/** `PUT /aifory/cards/{card_id}/limits`: within the cooperative's conditions; revision-checked. */
export const setCardLimitsSchema = z.object({
  limits: cardLimitsSchema,
  expected_revision: expectedRevisionSchema(1),
});

/** Where the member may issue a virtual card, and why not elsewhere. */
export const cardEligibilitySchema = z.object({
  items: z.array(
    z.object({
      coopname: z.string(),
      display_name: z.string(),
      eligible: z.boolean(),
      /** Stable codes: `not_extended`, `issuing_off`, `not_a_member`, `kyc_not_shared`, `card_limit`. */
      reasons: z.array(z.string()),
      issue_fee: moneySchema.nullable(),
      top_up_fee_bps: z.number().int().min(0).nullable(),
      /** The operator cooperative the KYC fields are shared with, and which fields. */
      kyc: z.object({ coopname: z.string(), fields: z.array(z.string()) }).nullable(),
    }),
  ),
});

/**
 * `POST /aifory/issue-card`: 201 with the card when the provider issued it; 202 `pending` when
 * its answer did not come (the operation settles later: follow it, or list the cards); a
 * refusal is an error.
 */
export const issueVirtualCardResultSchema = z.object({
  operation_id: z.uuid(),
  status: z.enum(MONEY_OPERATION_STATUSES),
  card: virtualCardSchema.nullable(),
});
export type IssueVirtualCardResult = z.infer<typeof issueVirtualCardResultSchema>;

export const cardIdParamsSchema = z.object({ card_id: z.uuid() });
export const operationIdParamsSchema = z.object({ operation_id: z.uuid() });
