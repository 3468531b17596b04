import { z } from 'zod';
import { base64Url } from './auth.js';
import { fundKindSchema, moneySchema } from './balances.js';
import { antelopeNameSchema } from './card.js';
import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidKpp,
  isValidLegalInn,
  isValidSettlementAccount,
} from './card/ru-documents.js';
import { GOST_FIELD_LIMITS, isGostText } from './gost-payment.js';

/** Text that goes into the payment QR code as is: no `|`, no control characters (ГОСТ Р 56042-2014). */
const gostText = (max: number) =>
  z
    .string()
    .max(max)
    .refine(isGostText, 'must be non-empty, without "|", control characters or edge spaces');

/**
 * The cooperative's bank details, where members pay contributions (`PUT /coop/payment-details`):
 * the payment QR code and the receipt are made from them. The accounts must belong to the bank
 * of the BIK (the Bank of Russia's control key).
 */
export const paymentDetailsSchema = z
  .object({
    /** The payee's name as the bank knows it (ГОСТ `Name`). */
    recipient_name: gostText(GOST_FIELD_LIMITS.Name),
    inn: z.string().refine(isValidLegalInn, 'must be an organization INN (10 digits, checksum)'),
    kpp: z.string().refine(isValidKpp, 'must be a KPP (9 characters)'),
    /** The settlement account (ГОСТ `PersonalAcc`), 20 digits. */
    personal_acc: z.string().regex(/^\d{20}$/, 'must be 20 digits'),
    bank_name: gostText(GOST_FIELD_LIMITS.BankName),
    bic: z.string().refine(isValidBik, 'must be a BIK (9 digits starting with 04)'),
    corresp_acc: z.string().regex(/^\d{20}$/, 'must be 20 digits'),
  })
  .superRefine((details, context) => {
    if (!isValidBik(details.bic)) return;
    if (!isValidSettlementAccount(details.personal_acc, details.bic)) {
      context.addIssue({
        code: 'custom',
        path: ['personal_acc'],
        message: 'the control key does not match the bank of this BIK',
      });
    }
    if (!isValidCorrespondentAccount(details.corresp_acc, details.bic)) {
      context.addIssue({
        code: 'custom',
        path: ['corresp_acc'],
        message: 'not the correspondent account of the bank of this BIK',
      });
    }
  });
export type PaymentDetails = z.infer<typeof paymentDetailsSchema>;

/** The cooperative's own id of a payment request or of a payment. */
export const externalIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 letters, digits or . _ : -');

/** A sum members pay by the payment QR code: roubles only, in kopecks, more than zero. */
const rublesSchema = z.object({
  amount: moneySchema.shape.amount.min(1),
  currency: z.literal('RUB'),
});

/**
 * `PUT /coop/payment-requests/{external_id}`: the cooperative asks a member to pay a
 * contribution (created, or changed while it is still requested).
 */
export const paymentRequestInputSchema = z.object({
  username: antelopeNameSchema,
  kind: fundKindSchema,
  amount: rublesSchema,
  due_date: z.iso.date(),
  /** The payment's purpose as the bank shows it (ГОСТ `Purpose`, at most 210 characters). */
  purpose: gostText(GOST_FIELD_LIMITS.Purpose),
});
export type PaymentRequestInput = z.infer<typeof paymentRequestInputSchema>;

export const paymentRequestParamsSchema = z.object({ external_id: externalIdSchema });

/**
 * `POST /coop/payment-requests/{external_id}/confirm`: the cooperative received the money.
 * Idempotent by `payment_id`, the cooperative's own id of the payment.
 */
export const paymentConfirmationSchema = z.object({
  payment_id: externalIdSchema,
  paid_at: z.iso.datetime({ offset: true }),
  amount: rublesSchema,
});
export type PaymentConfirmation = z.infer<typeof paymentConfirmationSchema>;

export const PAYMENT_REQUEST_STATUSES = ['requested', 'paid', 'cancelled'] as const;
export const paymentRequestStatusSchema = z.enum(PAYMENT_REQUEST_STATUSES);
export type PaymentRequestStatus = z.infer<typeof paymentRequestStatusSchema>;

/** A payment request as the cooperative that issued it sees it. */
export const paymentRequestSchema = z.object({
  external_id: z.string(),
  username: z.string(),
  kind: fundKindSchema,
  amount: moneySchema,
  due_date: z.iso.date(),
  purpose: z.string(),
  status: paymentRequestStatusSchema,
  payment_id: z.string().nullable(),
  paid_at: z.iso.datetime({ offset: true }).nullable(),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
});
export type PaymentRequest = z.infer<typeof paymentRequestSchema>;

const pageFields = {
  after: base64Url.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};

/** `GET /coop/payment-requests`: oldest first, a page at a time. */
export const paymentRequestsQuerySchema = z.object({
  status: paymentRequestStatusSchema.optional(),
  username: antelopeNameSchema.optional(),
  ...pageFields,
});

export const paymentRequestListSchema = z.object({
  payment_requests: z.array(paymentRequestSchema),
  /** The cursor of the next page; null when this page is the last one for now. */
  next: z.string().nullable(),
});
export type PaymentRequestList = z.infer<typeof paymentRequestListSchema>;

/** What a member sees: `overdue` is a requested contribution whose due date has passed. */
export const CONTRIBUTION_STATUSES = ['requested', 'overdue', 'paid', 'cancelled'] as const;
export const contributionStatusSchema = z.enum(CONTRIBUTION_STATUSES);
export type ContributionStatus = z.infer<typeof contributionStatusSchema>;

/** A payment request as the member it is addressed to sees it. */
export const contributionSchema = z.object({
  id: z.uuid(),
  coopname: z.string(),
  display_name: z.string(),
  username: z.string(),
  kind: fundKindSchema,
  amount: moneySchema,
  due_date: z.iso.date(),
  purpose: z.string(),
  status: contributionStatusSchema,
  paid_at: z.iso.datetime({ offset: true }).nullable(),
  requested_at: z.iso.datetime({ offset: true }),
});
export type Contribution = z.infer<typeof contributionSchema>;

/**
 * One contribution with what paying it takes: the cooperative's bank details and the payment QR
 * code's payload (ГОСТ Р 56042-2014), null once it is paid or cancelled.
 */
export const contributionDetailsSchema = contributionSchema.extend({
  payment_details: paymentDetailsSchema,
  payload: z.string().nullable(),
});
export type ContributionDetails = z.infer<typeof contributionDetailsSchema>;

/** `GET /contributions`: newest first, a page at a time. */
export const contributionsQuerySchema = z.object({
  status: contributionStatusSchema.optional(),
  coopname: antelopeNameSchema.optional(),
  ...pageFields,
});
export type ContributionsQuery = z.input<typeof contributionsQuerySchema>;

export const contributionListSchema = z.object({
  contributions: z.array(contributionSchema),
  next: z.string().nullable(),
});
export type ContributionList = z.infer<typeof contributionListSchema>;

export const contributionParamsSchema = z.object({ id: z.uuid() });
