import { z } from 'zod';
import { expectedRevisionSchema } from './revision.js';
import { base64Url, symmetricEnvelopeSchema } from './auth.js';
import { CARD_SCHEMA_ID } from './card/card-schema.js';

export const CARD_KINDS = ['individual', 'entrepreneur', 'organization'] as const;

/**
 * Plain metadata of a card, bound into the AAD of its envelope on the client: the server can
 * read it (to route migrations, count kinds) but cannot change it unnoticed.
 */
export const cardMetaSchema = z.object({
  /** Version of the card's data format; client-side migrations run by it. */
  version: z.number().int().min(1).max(1000),
  /** `$id` of the JSON Schema the plaintext was validated against. */
  schema: z.url().max(200),
  kind: z.enum(CARD_KINDS),
});
export type CardMeta = z.infer<typeof cardMetaSchema>;

/**
 * The `meta` of a card write: a card is written only against the server's own card schema
 * ({@link CARD_SCHEMA_ID}); any other `meta.schema` is refused with 422 VALIDATION_FAILED. Cards
 * read back keep the general {@link cardMetaSchema}.
 */
export const cardWriteMetaSchema = cardMetaSchema.extend({
  schema: z.literal(CARD_SCHEMA_ID, { error: `must be ${CARD_SCHEMA_ID}` }),
});

export const issueCardSchema = z.object({
  card: symmetricEnvelopeSchema,
  meta: cardWriteMetaSchema,
});

export const updateCardSchema = issueCardSchema.extend({
  /** The revision this write is based on; a stale one is refused with 409 CONFLICT. */
  expected_revision: expectedRevisionSchema(1),
});

export const cardIssuedSchema = z.object({
  card_id: z.uuid(),
  revision: z.number().int(),
  status: z.literal('issued'),
});
export type CardIssued = z.infer<typeof cardIssuedSchema>;

export const storedCardSchema = z.object({
  card_id: z.uuid(),
  revision: z.number().int(),
  meta: cardMetaSchema,
  card: symmetricEnvelopeSchema,
  updated_at: z.string(),
});
export type StoredCard = z.infer<typeof storedCardSchema>;

export const cardRevisionSchema = z.object({ card_id: z.uuid(), revision: z.number().int() });
export type CardRevision = z.infer<typeof cardRevisionSchema>;

/** An Antelope account name (ПК ВОСХОД / MONO usernames and coopnames). */
export const antelopeNameSchema = z
  .string()
  .regex(
    /(^[a-z1-5.]{1,11}[a-z1-5]$)|(^[a-z1-5.]{12}[a-j1-5]$)/,
    'must be an Antelope account name',
  );

/** A K1 public key in the current format. */
export const k1PublicKeySchema = z
  .string()
  .regex(/^PUB_K1_[1-9A-HJ-NP-Za-km-z]{50}$/, 'must be a PUB_K1_ key');

/** A K1 signature in the current format. */
export const k1SignatureSchema = z
  .string()
  .regex(/^SIG_K1_[1-9A-HJ-NP-Za-km-z]{90,100}$/, 'must be a SIG_K1_ signature');

/** A member's username in a cooperative: 12 letters, generated on the client (MONO's rule). */
export const accountUsernameSchema = z.string().regex(/^[a-z]{12}$/, 'must be 12 letters a-z');

/** Asks for a challenge to prove the key of the account `username` in `coopname`. */
export const accountChallengeRequestSchema = z.object({
  coopname: antelopeNameSchema,
  username: accountUsernameSchema,
});

export const accountChallengeSchema = z.object({
  /** 256 random bits; single use, bound to the member, the cooperative and the username. */
  challenge: base64Url.length(43),
  expires_in: z.number().int(),
});
export type AccountChallenge = z.infer<typeof accountChallengeSchema>;

/** What an account proof signs (K1, SHA-256 of the JCS of this object, MONO's convention). */
export const ACCOUNT_PROOF_PURPOSE = 'cardcoop/v1/account-proof';
export function accountProofPayload(input: {
  challenge: string;
  coopname: string;
  username: string;
}): {
  purpose: typeof ACCOUNT_PROOF_PURPOSE;
  challenge: string;
  coopname: string;
  username: string;
} {
  return {
    purpose: ACCOUNT_PROOF_PURPOSE,
    challenge: input.challenge,
    coopname: input.coopname,
    username: input.username,
  };
}

/**
 * Possession of the account's key: the K1 signature, by `public_key`, of
 * {@link accountProofPayload} over a challenge from `POST /card/account-challenge`.
 */
export const accountProofSchema = z.object({
  challenge: base64Url.length(43),
  signature: k1SignatureSchema,
});

/** A new account in a cooperative, made on the member's device (the key sealed under the user key). */
export const newAccountSchema = z.object({
  username: accountUsernameSchema,
  public_key: k1PublicKeySchema,
  /** The private key (WIF), sealed on the client under the user key. */
  encrypted_private_key: symmetricEnvelopeSchema,
  /**
   * Required when the username already exists on chain (a chain is configured): `public_key`
   * must then be a key of that account's `owner` or `active` permission, and this proves it.
   * Checked whenever given.
   */
  proof: accountProofSchema.optional(),
});

export type NewAccount = z.infer<typeof newAccountSchema>;

export const addAccountSchema = newAccountSchema.extend({ coopname: antelopeNameSchema });

/** Closes the member's account in a cooperative: its grant is revoked, its username never reused. */
export const closeAccountSchema = z.object({ coopname: antelopeNameSchema });

/**
 * Where a member's account in a cooperative stands, one set everywhere (domain.md):
 * `applicant` (not confirmed yet) → `confirmed` (the cooperative or the chain says so) → `ended`.
 */
export const membershipStatusSchema = z.enum(['applicant', 'confirmed', 'ended']);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;

export const cardAccountSchema = z.object({
  id: z.uuid(),
  coopname: z.string(),
  display_name: z.string(),
  username: z.string(),
  public_key: z.string(),
  encrypted_private_key: symmetricEnvelopeSchema,
  membership: membershipStatusSchema,
  created_at: z.string(),
  /** When the member closed it (null: open). A closed account's username is never reused. */
  closed_at: z.string().nullable(),
  /** The cooperative's quick entry page ("Open", ADR 018); null: it offers none. */
  entry_url: z.string().nullable(),
});
export type CardAccount = z.infer<typeof cardAccountSchema>;
export const cardAccountListSchema = z.object({ accounts: z.array(cardAccountSchema) });

/** A K1-signed object (MONO's convention): the signature covers SHA-256 of JCS(payload). */
export const signedObjectSchema = <T extends z.ZodType>(payload: T) =>
  z.object({
    payload,
    public_key: k1PublicKeySchema,
    signature: k1SignatureSchema,
  });

export const dataKeyCertificatePayloadSchema = z.object({
  coopname: antelopeNameSchema,
  kid: z.string().min(1).max(64),
  /** Raw X25519 public key, base64url (32 bytes). */
  public_key: base64Url.length(43),
  created_at: z.iso.datetime(),
});

/** The cooperative's HPKE data key, certified by its K1 account key. */
export const dataKeyCertificateSchema = signedObjectSchema(dataKeyCertificatePayloadSchema);
export type DataKeyCertificate = z.infer<typeof dataKeyCertificateSchema>;

export const prepareShareSchema = z.object({ coopname: antelopeNameSchema });

/**
 * Who receives a member's data and why, as a consent under 152-ФЗ names them: the cooperative's
 * full legal name (its display name when none is set) and the purpose it states (null: the
 * default, a membership application, worded by the client in the member's language).
 */
const recipientFields = {
  coopname: z.string(),
  display_name: z.string(),
  legal_name: z.string(),
  consent_purpose: z.string().nullable(),
  // How the cooperative presents itself (issue 14); the server always sends them, a client
  // reading an older server may find them absent.
  /** What the cooperative says about itself (≤ 500 characters); null: nothing. */
  description: z.string().nullable().optional(),
  /** Its site (https); null: none given. */
  site_url: z.string().nullable().optional(),
  /** Its logo (same origin, versioned by hash); null: none. */
  logo_url: z.string().nullable().optional(),
  /** Why it asks for each requested field (`{field: reason}`); a field may have none. */
  field_reasons: z.record(z.string(), z.string()).optional(),
};

export const preparedShareSchema = z.object({
  ...recipientFields,
  /** The certified key the member's data will be sealed to, and its SHA-256 fingerprint (hex). */
  data_key: z.object({ certificate: dataKeyCertificateSchema, fingerprint: z.string() }),
  /**
   * The username of the member's open account in this cooperative; null when there is none yet
   * (the cooperative admits applicants): one is made on the device and sent with the share.
   */
  username: z.string().nullable(),
  /** `applicant`: not a member yet (or no account yet); the cooperative admits applicants. */
  membership: membershipStatusSchema,
  requested_fields: z.array(z.string()),
});
export type PreparedShare = z.infer<typeof preparedShareSchema>;

/** The HPKE envelope (RFC 9180 base mode) sealed on the member's device to the cooperative's key. */
export const shareEnvelopeSchema = z.object({
  v: z.literal(1),
  suite: z.literal('X25519-HKDF-SHA256-AES256GCM'),
  kid: z.string().min(1).max(64),
  enc: base64Url.length(43),
  ct: base64Url.min(22).max(400_000),
});
export type ShareEnvelope = z.infer<typeof shareEnvelopeSchema>;

/** Where a connect request (`/id/connect`, `/id/embed`) wants the ticket to go. */
export const connectQuerySchema = z.object({
  redirect_uri: z.url().max(2000),
  response_mode: z.enum(['query', 'web_message']).default('query'),
  /**
   * `none`: quick entry (ADR 018) — share again without the consent screen when a live grant
   * already covers every requested field. No other value exists.
   */
  prompt: z.literal('none').optional(),
});

/** A connect request checked against the registry, before the member signs in. */
export const connectTargetSchema = z.object({
  ...recipientFields,
  redirect_uri: z.string(),
  response_mode: z.enum(['query', 'web_message']),
  requested_fields: z.array(z.string()),
  /** `open`: members who are not confirmed yet may share as applicants. */
  admission: z.enum(['members', 'open']),
  /** This opening of the connect page, for the cooperative's statistics (send it with sign-in). */
  visit_id: z.uuid().optional(),
});
export type ConnectTarget = z.infer<typeof connectTargetSchema>;

export const shareDataSchema = z.object({
  coopname: antelopeNameSchema,
  /**
   * Where the ticket goes. `query` (default): back to `redirect_uri`, an exact match with a
   * redirect URI the cooperative registered. `web_message` (iframe and popup): posted to the
   * page at `redirect_uri`, which is then exactly one of the cooperative's registered origins.
   */
  response_mode: z.enum(['query', 'web_message']).default('query'),
  /** Exact match with a registered redirect URI (query) or origin (web_message). */
  redirect_uri: z.url().max(2000),
  state: z.string().min(8).max(512),
  /** PKCE S256: base64url(SHA-256(code_verifier)). */
  code_challenge: base64Url.length(43),
  code_challenge_method: z.literal('S256'),
  envelope: shareEnvelopeSchema,
  /** The consented field names (never values), kept with the grant for the member's access page. */
  fields: z.array(z.string().min(1).max(64)).min(1).max(64),
  /**
   * The member's new account in the cooperative, when the prepared share had none: it is made
   * in the same transaction as the grant, so nothing exists until the member shares.
   */
  new_account: newAccountSchema.optional(),
  /**
   * `none`: made by quick entry (ADR 018) without the consent screen, under a live grant that
   * covered these fields; recorded in the member's history with the share.
   */
  prompt: z.literal('none').optional(),
});

export const ticketIssuedSchema = z.object({
  ticket: z.string(),
  redirect_uri: z.string(),
  state: z.string(),
  expires_in: z.number().int(),
});
export type TicketIssued = z.infer<typeof ticketIssuedSchema>;

export const exchangeTicketSchema = z.object({
  ticket: z.string().min(1).max(256),
  redirect_uri: z.url().max(2000),
  code_verifier: z.string().regex(/^[A-Za-z0-9\-._~]{43,128}$/, 'must be a PKCE code verifier'),
});

export const coopTokenSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  username: z.string(),
  coopname: z.string(),
  /** Present on the share "Test connection" makes: the test member's, not to be admitted. */
  test: z.literal(true).optional(),
});
export type CoopToken = z.infer<typeof coopTokenSchema>;

export const encryptedDataSchema = z.object({
  username: z.string(),
  coopname: z.string(),
  envelope: shareEnvelopeSchema,
  /** The K1 key of the member's account in this cooperative: the share must be signed by it. */
  public_key: z.string(),
  shared_at: z.string(),
  /** Present on the share "Test connection" makes: synthetic data of the test member. */
  test: z.literal(true).optional(),
});
export type EncryptedData = z.infer<typeof encryptedDataSchema>;

/**
 * The cooperative API's list of its members' closed accounts (`GET /coop/closed-accounts`), in
 * the order they were closed: `after` is the `next` of the previous page (absent: from the start).
 */
export const closedAccountsQuerySchema = z.object({
  after: base64Url.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const closedAccountListSchema = z.object({
  accounts: z.array(z.object({ username: z.string(), closed_at: z.string() })),
  /** The cursor of the next page; null when this page is the last one for now. */
  next: z.string().nullable(),
});
export type ClosedAccountList = z.infer<typeof closedAccountListSchema>;

export const grantSchema = z.object({
  coopname: z.string(),
  display_name: z.string(),
  username: z.string(),
  shared_at: z.string(),
  /** The card fields shared (names only). */
  fields: z.array(z.string()),
  /** When the cooperative last fetched the data (null: not yet), and how often in all. */
  last_read_at: z.string().nullable(),
  read_count: z.number().int(),
  /** When the member revoked it (null: live); revoked grants stay listed with their dates. */
  revoked_at: z.string().nullable(),
});
export const grantListSchema = z.object({ grants: z.array(grantSchema) });
export type Grant = z.infer<typeof grantSchema>;

export const cooperativeSchema = z.object({
  coopname: z.string(),
  display_name: z.string(),
  /** The member's account there, if any, and its membership. */
  account: z.object({ username: z.string(), membership: membershipStatusSchema }).nullable(),
  accepts_data: z.boolean(),
});
/** A page of `GET /cooperatives` (by coopname; query: `cooperativePageQuerySchema`). */
export const cooperativeListSchema = z.object({
  cooperatives: z.array(cooperativeSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type Cooperative = z.infer<typeof cooperativeSchema>;
export type CooperativeList = z.infer<typeof cooperativeListSchema>;
