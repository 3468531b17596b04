import { z } from 'zod';
import { expectedRevisionSchema } from './revision.js';
import { antelopeNameSchema } from './card.js';
import { isValidEmail } from './card/card-formats.js';
import { normalizePhone } from './card/phone.js';
import {
  isValidBik,
  isValidKpp,
  isValidLegalInn,
  isValidOgrn,
  isValidSettlementAccount,
} from './card/ru-documents.js';

/**
 * The extended level: a cooperative's application to the payment-system operator (operator
 * application), its documents and the operator's decision. One application per cooperative at a
 * time: `draft → submitted → (changes_requested → submitted)* → approved | rejected`; after a
 * rejection the cooperative may start a new one.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'rejected',
] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

/** Document kinds; `charter` (устав) and `egrul_extract` (выписка из ЕГРЮЛ) are required. */
export const APPLICATION_DOCUMENT_KINDS = [
  'charter',
  'egrul_extract',
  'chairman_decision',
  'other',
] as const;
export const applicationDocumentKindSchema = z.enum(APPLICATION_DOCUMENT_KINDS);
export type ApplicationDocumentKind = z.infer<typeof applicationDocumentKindSchema>;
export const REQUIRED_APPLICATION_DOCUMENTS: readonly ApplicationDocumentKind[] = [
  'charter',
  'egrul_extract',
];

/** What a document may be: its bytes are sniffed and must match the declared type. */
export const APPLICATION_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const applicationDocumentTypeSchema = z.enum(APPLICATION_DOCUMENT_TYPES);
export type ApplicationDocumentType = z.infer<typeof applicationDocumentTypeSchema>;
/** The largest document accepted, in bytes (10 MB). */
export const APPLICATION_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const text = (max: number) => z.string().trim().min(1).max(max);
const digits = (check: (value: string) => boolean, message: string) =>
  z.string().trim().refine(check, { message });

/**
 * A phone as typed (`8 916 123-45-67`, `+7 (916) …`): Russian when it has no `+`; the server
 * stores it as E.164 (`+79161234567`, see `normalizePhone`).
 */
const phone = z
  .string()
  .max(40)
  .refine((value) => normalizePhone(value) !== undefined, { message: 'must be a phone number' });

/** Every field of the form; a draft may leave any of them out (see `applicationFormDraftSchema`). */
export const applicationFormShape = {
  full_name: text(500).describe('Полное наименование, e.g. Потребительский кооператив «Восход»'),
  short_name: text(200).describe('Сокращённое наименование, e.g. ПК «Восход»'),
  inn: digits(isValidLegalInn, 'must be an organization’s INN (10 digits, checksum)'),
  ogrn: digits(isValidOgrn, 'must be an OGRN (13 digits, checksum)'),
  kpp: digits(isValidKpp, 'must be a KPP (9 characters)'),
  legal_address: text(500),
  actual_address: text(500),
  chairman_last_name: text(100),
  chairman_first_name: text(100),
  chairman_middle_name: text(100).describe('Optional: not everyone has a patronymic'),
  phone,
  email: z.string().trim().refine(isValidEmail, { message: 'must be an e-mail address' }),
  bank_name: text(300),
  bik: digits(isValidBik, 'must be a BIK (9 digits starting with 04)'),
  settlement_account: digits(
    (value) => /^\d{20}$/.test(value),
    'must be a settlement account (20 digits)',
  ),
  expected_monthly_turnover: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000_000)
    .describe('Expected turnover of virtual cards per month, whole rubles'),
  members_count: z.number().int().min(1).max(100_000_000),
  purpose: text(4000).describe('What the cooperative will use virtual cards for'),
};

export type ApplicationFormField = keyof typeof applicationFormShape;
/** Fields a complete application may leave empty. */
export const OPTIONAL_APPLICATION_FIELDS: readonly ApplicationFormField[] = [
  'chairman_middle_name',
];

/** The settlement account's control key is checked against the BIK when both are given. */
const accountMatchesBik = (form: { bik?: string | undefined; settlement_account?: string }) =>
  form.bik === undefined ||
  form.settlement_account === undefined ||
  !isValidBik(form.bik) ||
  isValidSettlementAccount(form.settlement_account, form.bik);

/** A draft of the form: every field optional, each one given must be valid. */
export const applicationFormDraftSchema = z
  .object(applicationFormShape)
  .partial()
  .strict()
  .refine(accountMatchesBik, {
    path: ['settlement_account'],
    message: 'the account does not belong to the bank with this BIK (control key)',
  });
export type ApplicationFormDraft = z.infer<typeof applicationFormDraftSchema>;

/** `PUT …/application`: the whole draft form, on top of `expected_revision` (0: a new one). */
export const saveApplicationSchema = z.object({
  expected_revision: expectedRevisionSchema(0).describe(
    'The revision this edit is based on; 0 starts a new application (409 CONFLICT otherwise)',
  ),
  form: applicationFormDraftSchema,
});
export type SaveApplication = z.input<typeof saveApplicationSchema>;

export const applicationDocumentSchema = z.object({
  kind: applicationDocumentKindSchema,
  file_name: z.string(),
  content_type: applicationDocumentTypeSchema,
  size: z.number().int(),
  sha256: z.string().describe('SHA-256 of the file, hex'),
  uploaded_at: z.iso.datetime({ offset: true }),
});
export type ApplicationDocument = z.infer<typeof applicationDocumentSchema>;

export const operatorApplicationSchema = z.object({
  id: z.uuid(),
  coopname: antelopeNameSchema,
  status: applicationStatusSchema,
  revision: z.number().int(),
  form: applicationFormDraftSchema,
  documents: z.array(applicationDocumentSchema),
  /** The operator's reason for the last "changes requested" or "rejected". */
  decision_reason: z.string().nullable(),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
  submitted_at: z.iso.datetime({ offset: true }).nullable(),
  decided_at: z.iso.datetime({ offset: true }).nullable(),
});
export type OperatorApplication = z.infer<typeof operatorApplicationSchema>;

/** `GET …/application`: the cooperative's level and its latest application, if any. */
export const applicationStateSchema = z.object({
  coopname: antelopeNameSchema,
  level: z.enum(['basic', 'extended']),
  application: operatorApplicationSchema.nullable(),
});
export type ApplicationState = z.infer<typeof applicationStateSchema>;

/** A reason the operator gives the cooperative (rejection, changes requested). */
export const applicationDecisionSchema = z.object({ reason: text(2000) });
export type ApplicationDecision = z.infer<typeof applicationDecisionSchema>;

/** The queue holds what was sent to the operator: drafts are the cooperative's own. */
export const applicationQueueQuerySchema = z.object({
  status: applicationStatusSchema.exclude(['draft']).default('submitted'),
});
export type ApplicationQueueQuery = z.input<typeof applicationQueueQuerySchema>;

export const applicationQueueItemSchema = z.object({
  id: z.uuid(),
  coopname: antelopeNameSchema,
  display_name: z.string(),
  status: applicationStatusSchema,
  full_name: z.string().nullable(),
  inn: z.string().nullable(),
  submitted_at: z.iso.datetime({ offset: true }).nullable(),
  updated_at: z.iso.datetime({ offset: true }),
});
export type ApplicationQueueItem = z.infer<typeof applicationQueueItemSchema>;

/** The review queue, oldest submission first (at most 500). */
export const applicationQueueSchema = z.object({
  applications: z.array(applicationQueueItemSchema),
});
export type ApplicationQueue = z.infer<typeof applicationQueueSchema>;

/** `GET /admin/applications/:coopname`: the application with the cooperative's name and level. */
export const reviewedApplicationSchema = applicationStateSchema.extend({
  display_name: z.string(),
  application: operatorApplicationSchema,
});
export type ReviewedApplication = z.infer<typeof reviewedApplicationSchema>;
