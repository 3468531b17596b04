import { z } from 'zod';
import { adminCooperativeSchema, CARD_FIELD_NAMES, updateCooperativeSchema } from './admin.js';
import { dataKeyCertificateSchema } from './card.js';

/**
 * A cooperative's integration settings in the business panel (issue 14): what the consent
 * screen shows (names, description, site, logo, requested fields with their reasons), where
 * tickets may go (origins, exact redirect URIs), quick entry, the data key and the client
 * secret's state. Every change is made on top of `expected_revision` (409 CONFLICT otherwise).
 */

/** The longest reason a cooperative gives for asking a field. */
export const FIELD_REASON_MAX = 300;
/** The longest description shown on the consent screen. */
export const DESCRIPTION_MAX = 500;
/** The largest logo accepted, in bytes (decoded), and its largest side in pixels. */
export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_MAX_SIDE = 1024;
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number];
/** The longest grace period of a rotated client secret: 7 days, in minutes. */
export const SECRET_GRACE_MAX_MINUTES = 7 * 24 * 60;

/** The cooperative's site: https, or http on the loopback host (tests and development). */
const siteUrl = z
  .url()
  .max(2000)
  .refine(
    (value) =>
      !value.includes('#') &&
      (value.startsWith('https://') ||
        /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(value)),
    { message: 'must be an https URL (http only on localhost) without a fragment' },
  );

/** One card field the cooperative asks for, with the reason members read under it. */
export const requestedFieldSchema = z.object({
  field: z.string().refine((field) => CARD_FIELD_NAMES.includes(field), {
    message: 'must be a card field (GET /api/v1/card/schema)',
  }),
  reason: z.string().trim().min(1).max(FIELD_REASON_MAX),
});
export type RequestedField = z.infer<typeof requestedFieldSchema>;

const settings = updateCooperativeSchema.shape;

/** A settings change on top of `expected_revision`; only the fields given change. */
export const updateIntegrationSchema = z
  .object({
    expected_revision: settings.expected_revision,
    display_name: settings.display_name,
    legal_name: settings.legal_name,
    consent_purpose: settings.consent_purpose,
    /** Shown on the consent screen; null: none. */
    description: z.string().trim().min(1).max(DESCRIPTION_MAX).nullable().optional(),
    /** The cooperative's site, linked from the consent screen; null: none. */
    site_url: siteUrl.nullable().optional(),
    origins: settings.origins,
    redirect_uris: settings.redirect_uris,
    entry_url: settings.entry_url,
    requested_fields: z
      .array(requestedFieldSchema)
      .min(1)
      .max(CARD_FIELD_NAMES.length)
      .refine((fields) => new Set(fields.map((item) => item.field)).size === fields.length, {
        message: 'must not repeat a field',
      })
      .optional(),
  })
  .strict();
export type UpdateIntegration = z.infer<typeof updateIntegrationSchema>;

export const integrationLogoSchema = z.object({
  /** Public, versioned by the image's hash: `/api/v1/cooperatives/{coopname}/logo?v=…`. */
  url: z.string(),
  content_type: z.enum(LOGO_CONTENT_TYPES),
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  updated_at: z.string(),
});
export type IntegrationLogo = z.infer<typeof integrationLogoSchema>;

/** The cooperative's integration as its staff see it (the admin API's view, plus the panel's). */
export const businessIntegrationSchema = adminCooperativeSchema.extend({
  description: z.string().nullable(),
  site_url: z.string().nullable(),
  /** Each requested field with its reason (null: none given yet, e.g. set by the admin API). */
  requested_fields: z.array(z.object({ field: z.string(), reason: z.string().nullable() })),
  logo: integrationLogoSchema.nullable(),
  /** Ownership proven (chain signature) or approved by the platform; false: localhost only. */
  verified: z.boolean(),
  verified_via: z.enum(['chain', 'admin']).nullable(),
  /** The client id of HTTP Basic: the coopname. */
  client_id: z.string(),
  client_secret: z.object({
    /** When the current secret was issued by a rotation; null: the one issued at registration. */
    rotated_at: z.string().nullable(),
    /** Until when the previous secret (and tokens issued under it) still works; null: it does not. */
    previous_valid_until: z.string().nullable(),
  }),
});
export type BusinessIntegration = z.infer<typeof businessIntegrationSchema>;

/** A logo upload: the image as base64 (≤ 200 KB decoded); its type is sniffed from the bytes. */
export const uploadLogoSchema = z
  .object({
    content_type: z.enum(LOGO_CONTENT_TYPES),
    // Up to twice the limit reaches the server, which answers PAYLOAD_TOO_LARGE with the limit.
    data: z.base64().max(4 * Math.ceil((2 * LOGO_MAX_BYTES) / 3)),
  })
  .strict();
export type UploadLogo = z.infer<typeof uploadLogoSchema>;

export const rotateClientSecretSchema = z
  .object({
    /** How long the previous secret keeps working, in minutes (0: it stops at once). */
    grace_minutes: z.number().int().min(0).max(SECRET_GRACE_MAX_MINUTES),
  })
  .strict();
export type RotateClientSecret = z.infer<typeof rotateClientSecretSchema>;

export const rotatedClientSecretSchema = z.object({
  client_id: z.string(),
  /** Shown once; only its hash is kept. */
  client_secret: z.string(),
  /** Until when the previous secret still works; null: it stopped at once. */
  previous_valid_until: z.string().nullable(),
});
export type RotatedClientSecret = z.infer<typeof rotatedClientSecretSchema>;

/**
 * A platform admin's rotation (`POST /admin/cooperatives/:coopname/rotate-secret`): the body may
 * be left out, and then the previous secret stops at once.
 */
export const adminRotateSecretSchema = rotateClientSecretSchema.partial();
export type AdminRotateSecret = z.infer<typeof adminRotateSecretSchema>;

/** The certificate of an X25519 data key, made in the browser or with the SDK. */
export const publishDataKeySchema = z.object({ certificate: dataKeyCertificateSchema }).strict();
export type PublishDataKey = z.infer<typeof publishDataKeySchema>;
