import { z } from 'zod';

/*
 * Aifory's card API as WE model it (docs/adr/021): Aifory publishes no card API, so every path
 * and field name here is ours and must be confirmed with Aifory under contract. The server's
 * HTTP provider and apps/aifory-sandbox both speak exactly these schemas.
 *
 * Every call is `POST ${base}/<operation>` with a JSON body, headers `API-Key` and `Signature`
 * (lowercase hex HMAC-SHA512 of the exact body bytes under the API secret). Request schemas are
 * strict (a typo is refused); result schemas drop unknown fields (the provider may add some).
 */

const instant = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(128);

/** An ISO 4217 currency code: three capital letters. */
export const aiforyCurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be 3 capital letters');

/** Money: integer minor units (cents) and a currency; never a float. */
export const aiforyMoneySchema = z.object({
  amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  currency: aiforyCurrencySchema,
});
export type AiforyMoney = z.infer<typeof aiforyMoneySchema>;

/** A client-chosen key that makes a money call idempotent (our money_operations id). */
export const aiforyRequestIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** The name embossed on a card: Latin letters, spaces, dots, hyphens and apostrophes. */
export const aiforyHolderNameSchema = z
  .string()
  .trim()
  .min(2)
  .max(26)
  .regex(/^[A-Za-z][A-Za-z .'-]*$/, 'Latin letters only');

export const AIFORY_CARD_STATUSES = ['active', 'frozen', 'closed'] as const;
export const aiforyCardStatusSchema = z.enum(AIFORY_CARD_STATUSES);
export type AiforyCardStatus = z.infer<typeof aiforyCardStatusSchema>;

/** A card's spending limits; `null` means none. Amounts are in the card's currency. */
export const aiforyLimitsSchema = z.object({
  per_transaction: aiforyMoneySchema.nullable(),
  daily: aiforyMoneySchema.nullable(),
  monthly: aiforyMoneySchema.nullable(),
});
export type AiforyLimits = z.infer<typeof aiforyLimitsSchema>;

// ---- envelope ---------------------------------------------------------------------------------

/** Error codes the sandbox answers (the real provider may add more: treat unknown as failure). */
export const AIFORY_ERROR_CODES = [
  'unauthorized', // 401: wrong API-Key or Signature
  'invalid_request', // 400: body is not JSON or does not match the schema (`issues`)
  'unknown_operation', // 404
  'not_found', // 404: card, transaction or deposit
  'request_id_reused', // 409: same request_id, different body
  'insufficient_master_balance', // 409
  'card_closed', // 409
  'currency_mismatch', // 422
  'amount_out_of_range', // 422
  'payload_too_large', // 413
  'internal_error', // 500
] as const;
export type AiforyErrorCode = (typeof AIFORY_ERROR_CODES)[number];

export const aiforyErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  issues: z.array(z.unknown()).optional(),
});
export type AiforyError = z.infer<typeof aiforyErrorSchema>;

export const aiforyFailureSchema = z.object({ ok: z.literal(false), error: aiforyErrorSchema });

/** `{ ok: true, result } | { ok: false, error: { code, message } }` around a result schema. */
export function aiforyEnvelopeSchema<T extends z.ZodType>(result: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    aiforyFailureSchema,
  ]);
}
export type AiforyEnvelope<T> = { ok: true; result: T } | { ok: false; error: AiforyError };

// ---- cards ------------------------------------------------------------------------------------

export const aiforyOffersRequestSchema = z.object({}).strict();
export const aiforyOfferSchema = z.object({
  offer_id: id,
  name: z.string(),
  currency: aiforyCurrencySchema,
  issue_fee: aiforyMoneySchema,
  topup_fee_bps: z.number().int().min(0).max(10_000),
  min_topup: aiforyMoneySchema,
  max_topup: aiforyMoneySchema,
});
export type AiforyOffer = z.infer<typeof aiforyOfferSchema>;
export const aiforyOffersResultSchema = z.array(aiforyOfferSchema);

/** `cards/calculate`: what ordering a card with an initial top-up of `amount` costs. */
export const aiforyCalculateRequestSchema = z
  .object({ offer_id: id, amount: aiforyMoneySchema })
  .strict();
/** `fee` = the issue fee + the top-up fee on `amount`; `total` = `amount` + `fee`. */
export const aiforyCalculateResultSchema = z.object({
  offer_id: id,
  amount: aiforyMoneySchema,
  fee: aiforyMoneySchema,
  total: aiforyMoneySchema,
});
export type AiforyCalculateResult = z.infer<typeof aiforyCalculateResultSchema>;

export const aiforyOrderCardRequestSchema = z
  .object({
    request_id: aiforyRequestIdSchema,
    offer_id: id,
    holder_name: aiforyHolderNameSchema,
    /** Our reference (e.g. the member's card id); the provider keeps it, we do not rely on it. */
    external_ref: z.string().min(1).max(128),
    initial_amount: aiforyMoneySchema.optional(),
  })
  .strict();
export type AiforyOrderCardRequest = z.infer<typeof aiforyOrderCardRequestSchema>;
export const aiforyOrderCardResultSchema = z.object({
  card_id: id,
  last4: z.string().regex(/^\d{4}$/),
  status: aiforyCardStatusSchema,
  balance: aiforyMoneySchema,
  request_id: aiforyRequestIdSchema,
});
export type AiforyOrderCardResult = z.infer<typeof aiforyOrderCardResultSchema>;

export const aiforyListCardsRequestSchema = z
  .object({ card_ids: z.array(id).max(500).optional() })
  .strict();
export const aiforyCardSchema = z.object({
  card_id: id,
  last4: z.string().regex(/^\d{4}$/),
  status: aiforyCardStatusSchema,
  balance: aiforyMoneySchema,
  limits: aiforyLimitsSchema,
});
export type AiforyCard = z.infer<typeof aiforyCardSchema>;
export const aiforyListCardsResultSchema = z.array(aiforyCardSchema);

export const aiforyCardRequestSchema = z.object({ card_id: id }).strict();

export const aiforyBillingAddressSchema = z.object({
  line1: z.string(),
  city: z.string(),
  state: z.string().nullable(),
  postal_code: z.string(),
  country: z.string().regex(/^[A-Z]{2}$/),
});
/** `cards/requisites`: shown once after step-up; never stored or logged. */
export const aiforyRequisitesSchema = z.object({
  card_id: id,
  pan: z.string().regex(/^\d{12,19}$/),
  expiry: z.string().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, 'MM/YY'),
  cvv: z.string().regex(/^\d{3,4}$/),
  holder_name: z.string(),
  billing_address: aiforyBillingAddressSchema,
});
export type AiforyRequisites = z.infer<typeof aiforyRequisitesSchema>;

export const aiforyCardStatusResultSchema = z.object({
  card_id: id,
  status: aiforyCardStatusSchema,
});
export type AiforyCardStatusResult = z.infer<typeof aiforyCardStatusResultSchema>;

export const aiforySetLimitsRequestSchema = z
  .object({ card_id: id, limits: aiforyLimitsSchema.strict() })
  .strict();
export const aiforyLimitsResultSchema = z.object({ card_id: id, limits: aiforyLimitsSchema });

// ---- deposits (top-ups) -----------------------------------------------------------------------

export const aiforyDepositOfferSchema = z.object({
  min: aiforyMoneySchema,
  max: aiforyMoneySchema,
  fee_bps: z.number().int().min(0).max(10_000),
  currency: aiforyCurrencySchema,
});
export type AiforyDepositOffer = z.infer<typeof aiforyDepositOfferSchema>;

export const aiforyDepositCalculateRequestSchema = z
  .object({ card_id: id, amount: aiforyMoneySchema })
  .strict();
export const aiforyDepositCalculateResultSchema = z.object({
  amount: aiforyMoneySchema,
  fee: aiforyMoneySchema,
  total: aiforyMoneySchema,
});

export const aiforyDepositOrderRequestSchema = z
  .object({ request_id: aiforyRequestIdSchema, card_id: id, amount: aiforyMoneySchema })
  .strict();
export type AiforyDepositOrderRequest = z.infer<typeof aiforyDepositOrderRequestSchema>;

export const AIFORY_DEPOSIT_STATUSES = ['pending', 'completed', 'failed'] as const;
/** A top-up: `amount` lands on the card, `fee` stays with the provider; both leave the master. */
export const aiforyDepositSchema = z.object({
  deposit_id: id,
  request_id: aiforyRequestIdSchema,
  card_id: id,
  status: z.enum(AIFORY_DEPOSIT_STATUSES),
  amount: aiforyMoneySchema,
  fee: aiforyMoneySchema,
  failure_reason: z.string().optional(),
});
export type AiforyDeposit = z.infer<typeof aiforyDepositSchema>;

export const aiforyDepositStatusRequestSchema = z
  .object({ request_id: aiforyRequestIdSchema })
  .strict();
/** `cards/order/status`: the card an order of this request_id issued (error `not_found`: none). */
export const aiforyOrderStatusRequestSchema = aiforyDepositStatusRequestSchema;

// ---- transactions -----------------------------------------------------------------------------

export const AIFORY_TRANSACTION_TYPES = ['purchase', 'refund', 'deposit', 'fee'] as const;
export const AIFORY_TRANSACTION_STATUSES = ['approved', 'declined', 'reversed'] as const;
export const AIFORY_DECLINE_REASONS = [
  'card_frozen',
  'card_closed',
  'insufficient_funds',
  'per_transaction_limit',
  'daily_limit',
  'monthly_limit',
  'currency_mismatch',
] as const;
export type AiforyDeclineReason = (typeof AIFORY_DECLINE_REASONS)[number];

export const aiforyMerchantSchema = z.object({
  name: z.string().min(1).max(200),
  mcc: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export type AiforyMerchant = z.infer<typeof aiforyMerchantSchema>;

export const aiforyTransactionSchema = z.object({
  transaction_id: id,
  card_id: id,
  type: z.enum(AIFORY_TRANSACTION_TYPES),
  status: z.enum(AIFORY_TRANSACTION_STATUSES),
  amount: aiforyMoneySchema,
  merchant: aiforyMerchantSchema.optional(),
  decline_reason: z.enum(AIFORY_DECLINE_REASONS).optional(),
  /** For `type: deposit`: the deposit it settles. */
  deposit_id: id.optional(),
  created_at: instant,
});
export type AiforyTransaction = z.infer<typeof aiforyTransactionSchema>;

/**
 * `cards/transactions`: keyset paging over (created_at, transaction_id); `from` inclusive, `to`
 * exclusive; `order` newest first by default; `next_cursor` is opaque, null on the last page.
 */
export const aiforyTransactionsRequestSchema = z
  .object({
    card_id: id,
    from: instant.optional(),
    to: instant.optional(),
    cursor: z.string().min(1).max(512).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .strict();
export type AiforyTransactionsRequest = z.infer<typeof aiforyTransactionsRequestSchema>;
export const aiforyTransactionsResultSchema = z.object({
  items: z.array(aiforyTransactionSchema),
  next_cursor: z.string().nullable(),
});
export type AiforyTransactionsResult = z.infer<typeof aiforyTransactionsResultSchema>;

export const aiforyTransactionRequestSchema = z.object({ transaction_id: id }).strict();

// ---- account ----------------------------------------------------------------------------------

export const aiforyBalanceRequestSchema = z.object({}).strict();
/** The operator's master account, from which cards are issued and topped up. */
export const aiforyBalanceResultSchema = z.object({
  balance: aiforyMoneySchema,
  currency: aiforyCurrencySchema,
});
export type AiforyBalance = z.infer<typeof aiforyBalanceResultSchema>;

// ---- webhooks ---------------------------------------------------------------------------------

export const AIFORY_WEBHOOK_TYPES = [
  'transaction.created',
  'card.status_changed',
  'deposit.completed',
  'deposit.failed',
] as const;
export type AiforyWebhookType = (typeof AIFORY_WEBHOOK_TYPES)[number];

export const aiforyCardStatusChangedSchema = z.object({
  card_id: id,
  status: aiforyCardStatusSchema,
  previous_status: aiforyCardStatusSchema,
});

const event = { event_id: id, created_at: instant };
/**
 * A provider → us webhook (`POST /api/v1/aifory/webhook`, header `Signature` = HMAC-SHA512 of the
 * body under the webhook secret). It may come twice (same `event_id`) and out of order.
 */
export const aiforyWebhookSchema = z.discriminatedUnion('type', [
  z.object({ ...event, type: z.literal('transaction.created'), data: aiforyTransactionSchema }),
  z.object({
    ...event,
    type: z.literal('card.status_changed'),
    data: aiforyCardStatusChangedSchema,
  }),
  z.object({ ...event, type: z.literal('deposit.completed'), data: aiforyDepositSchema }),
  z.object({ ...event, type: z.literal('deposit.failed'), data: aiforyDepositSchema }),
]);
export type AiforyWebhook = z.infer<typeof aiforyWebhookSchema>;

// ---- the operation table ----------------------------------------------------------------------

/**
 * Every operation: its path under the base URL, request and result schemas, whether a retry is
 * safe (`idempotent`; all are: reads by nature, freeze/unfreeze/limits by end state, the two
 * `money` calls by `request_id`, which the provider deduplicates).
 */
export const AIFORY_OPERATIONS = {
  'cards/offers': op(aiforyOffersRequestSchema, aiforyOffersResultSchema),
  'cards/calculate': op(aiforyCalculateRequestSchema, aiforyCalculateResultSchema),
  'cards/order': op(aiforyOrderCardRequestSchema, aiforyOrderCardResultSchema, true),
  'cards/order/status': op(aiforyOrderStatusRequestSchema, aiforyOrderCardResultSchema),
  'cards/list': op(aiforyListCardsRequestSchema, aiforyListCardsResultSchema),
  'cards/requisites': op(aiforyCardRequestSchema, aiforyRequisitesSchema),
  'cards/deposit/offer': op(aiforyCardRequestSchema, aiforyDepositOfferSchema),
  'cards/deposit/calculate': op(
    aiforyDepositCalculateRequestSchema,
    aiforyDepositCalculateResultSchema,
  ),
  'cards/deposit/order': op(aiforyDepositOrderRequestSchema, aiforyDepositSchema, true),
  'cards/deposit/status': op(aiforyDepositStatusRequestSchema, aiforyDepositSchema),
  'cards/transactions': op(aiforyTransactionsRequestSchema, aiforyTransactionsResultSchema),
  'cards/transaction': op(aiforyTransactionRequestSchema, aiforyTransactionSchema),
  'cards/freeze': op(aiforyCardRequestSchema, aiforyCardStatusResultSchema),
  'cards/unfreeze': op(aiforyCardRequestSchema, aiforyCardStatusResultSchema),
  'cards/limits': op(aiforySetLimitsRequestSchema, aiforyLimitsResultSchema),
  'account/balance': op(aiforyBalanceRequestSchema, aiforyBalanceResultSchema),
} as const;

function op<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  result: Res,
  money = false,
) {
  return { request, result, idempotent: true as boolean, money };
}

export type AiforyOperation = keyof typeof AIFORY_OPERATIONS;
export type AiforyRequest<O extends AiforyOperation> = z.input<
  (typeof AIFORY_OPERATIONS)[O]['request']
>;
export type AiforyResult<O extends AiforyOperation> = z.infer<
  (typeof AIFORY_OPERATIONS)[O]['result']
>;
export const AIFORY_OPERATION_NAMES = Object.keys(AIFORY_OPERATIONS) as AiforyOperation[];

export function isAiforyOperation(name: string): name is AiforyOperation {
  return Object.hasOwn(AIFORY_OPERATIONS, name);
}

// ---- signature --------------------------------------------------------------------------------

const encoder = new TextEncoder();

/**
 * The `Signature` header: lowercase hex HMAC-SHA512 of the exact body bytes under `secret`.
 * WebCrypto only (this module is bundled for the browser too). `secret` must not be empty.
 *
 * @example
 * const body = JSON.stringify({ card_id: 'card_1' });
 * headers['Signature'] = await aiforySignature(body, process.env.AIFORY_API_SECRET);
 */
export async function aiforySignature(body: string | Uint8Array, secret: string): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-512' },
    false,
    ['sign'],
  );
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const mac = new Uint8Array(
    await globalThis.crypto.subtle.sign('HMAC', key, bytes as BufferSource),
  );
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether `signature` (hex, any case) is the HMAC-SHA512 of `body` under `secret`; compares in
 * constant time over the whole length, and is false for a missing or malformed header.
 *
 * @example
 * if (!(await verifyAiforySignature(rawBody, webhookSecret, req.headers['signature']))) reply(401);
 */
export async function verifyAiforySignature(
  body: string | Uint8Array,
  secret: string,
  signature: string | string[] | null | undefined,
): Promise<boolean> {
  if (typeof signature !== 'string') return false;
  const expected = await aiforySignature(body, secret);
  const given = signature.trim().toLowerCase();
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i += 1) {
    diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  }
  return diff === 0;
}
