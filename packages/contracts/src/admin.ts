import { z } from 'zod';
import { expectedRevisionSchema } from './revision.js';
import { antelopeNameSchema } from './card.js';
import { CARD_SCHEMA } from './card/card-schema.js';

/** Top-level card fields of every kind: what a cooperative may ask members to share. */
export const CARD_FIELD_NAMES: readonly string[] = [
  ...new Set(
    (['individual', 'entrepreneur', 'organization'] as const).flatMap((kind) =>
      Object.keys(CARD_SCHEMA.$defs[kind].properties).filter((field) => field !== 'kind'),
    ),
  ),
].sort();

const bareOrigin = z
  .url()
  .max(300)
  .refine((value) => /^https?:\/\//.test(value) && new URL(value).origin === value, {
    message: 'must be a bare http(s) origin, like https://coop.example',
  });

/** Redirect URIs are matched exactly; no fragments (RFC 6749 §3.1.2). */
const redirectUri = z
  .url()
  .max(2000)
  .refine((value) => /^https?:\/\//.test(value) && !value.includes('#'), {
    message: 'must be an absolute http(s) URL without a fragment',
  });

/**
 * Where a member's "Open" leads (ADR 018): https, or http on the loopback host (`localhost`,
 * `127.0.0.1`: tests and development).
 * It must be on one of the cooperative's origins (the server checks that, knowing them).
 */
const entryUrl = z
  .url()
  .max(2000)
  .refine(
    (value) =>
      !value.includes('#') &&
      (value.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(value)),
    { message: 'must be an https URL (http only on localhost) without a fragment' },
  );

const distinct = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((values) => new Set(values).size === values.length, { message: 'must not repeat' });

const cooperativeSettings = {
  display_name: z.string().trim().min(1).max(200),
  /** The full legal name on the consent screen (152-ФЗ); null: the display name. */
  legal_name: z.string().trim().min(1).max(500).nullable(),
  /** The purpose stated on the consent screen; null: a membership application (the default). */
  consent_purpose: z.string().trim().min(1).max(1000).nullable(),
  origins: distinct(bareOrigin, 20),
  redirect_uris: distinct(redirectUri, 20),
  /** Quick entry (ADR 018); null: none. */
  entry_url: entryUrl.nullable(),
  level: z.enum(['basic', 'extended']),
  admission: z.enum(['members', 'open']),
  requested_fields: distinct(
    z.string().refine((field) => CARD_FIELD_NAMES.includes(field), {
      message: 'must be a card field',
    }),
    CARD_FIELD_NAMES.length,
  ).min(1),
};

export const createCooperativeSchema = z.object({
  coopname: antelopeNameSchema,
  display_name: cooperativeSettings.display_name,
  legal_name: cooperativeSettings.legal_name.default(null),
  consent_purpose: cooperativeSettings.consent_purpose.default(null),
  origins: cooperativeSettings.origins.default([]),
  redirect_uris: cooperativeSettings.redirect_uris.default([]),
  entry_url: cooperativeSettings.entry_url.default(null),
  level: cooperativeSettings.level.default('basic'),
  admission: cooperativeSettings.admission.default('members'),
  requested_fields: cooperativeSettings.requested_fields.optional(),
});
export type CreateCooperative = z.infer<typeof createCooperativeSchema>;
/** What a caller sends: the defaulted fields may be left out. */
export type CreateCooperativeInput = z.input<typeof createCooperativeSchema>;

/** A settings change on top of `expected_revision`; only the fields given change. */
export const updateCooperativeSchema = z
  .object({
    expected_revision: expectedRevisionSchema(1),
    status: z.enum(['active', 'suspended']).optional(),
    display_name: cooperativeSettings.display_name.optional(),
    legal_name: cooperativeSettings.legal_name.optional(),
    consent_purpose: cooperativeSettings.consent_purpose.optional(),
    origins: cooperativeSettings.origins.optional(),
    redirect_uris: cooperativeSettings.redirect_uris.optional(),
    entry_url: cooperativeSettings.entry_url.optional(),
    level: cooperativeSettings.level.optional(),
    admission: cooperativeSettings.admission.optional(),
    requested_fields: cooperativeSettings.requested_fields.optional(),
  })
  .strict();
export type UpdateCooperative = z.infer<typeof updateCooperativeSchema>;

export const adminCooperativeSchema = z.object({
  coopname: z.string(),
  display_name: z.string(),
  legal_name: z.string().nullable(),
  consent_purpose: z.string().nullable(),
  origins: z.array(z.string()),
  redirect_uris: z.array(z.string()),
  entry_url: z.string().nullable(),
  level: z.enum(['basic', 'extended']),
  admission: z.enum(['members', 'open']),
  status: z.enum(['active', 'suspended']),
  requested_fields: z.array(z.string()),
  /** The published data key, or null until the cooperative publishes one. */
  data_key: z.object({ kid: z.string(), fingerprint: z.string() }).nullable(),
  /** When ownership of the account was proven, and how; null: a test integration (localhost). */
  verified_at: z.string().nullable(),
  verified_via: z.enum(['chain', 'admin']).nullable(),
  revision: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AdminCooperative = z.infer<typeof adminCooperativeSchema>;

/**
 * `GET /admin/cooperatives` and the member's `GET /cooperatives`: by coopname; `cursor` is the
 * `next_cursor` of the previous page.
 */
export const cooperativePageQuerySchema = z.object({
  cursor: antelopeNameSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type CooperativePageQuery = z.input<typeof cooperativePageQuerySchema>;
export const adminCooperativeListQuerySchema = cooperativePageQuerySchema;
export type AdminCooperativeListQuery = z.input<typeof adminCooperativeListQuerySchema>;

export const adminCooperativeListSchema = z.object({
  cooperatives: z.array(adminCooperativeSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type AdminCooperativeList = z.infer<typeof adminCooperativeListSchema>;

export const cooperativeCreatedSchema = z.object({
  cooperative: adminCooperativeSchema,
  /** Shown once; only its hash is kept. */
  client_secret: z.string(),
});

export const clientSecretSchema = z.object({ client_id: z.string(), client_secret: z.string() });
