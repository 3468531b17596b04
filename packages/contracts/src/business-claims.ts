import { z } from 'zod';
import { base64Url } from './auth.js';
import { antelopeNameSchema, k1PublicKeySchema, k1SignatureSchema } from './card.js';

const instant = z.iso.datetime({ offset: true });

/** How ownership of a cooperative's on-chain account was proven; null: not yet (test only). */
export const verifiedViaSchema = z.enum(['chain', 'admin']);
export type VerifiedVia = z.infer<typeof verifiedViaSchema>;

/** `POST /business/cooperatives`: a member connects a cooperative by its chain account name. */
export const connectCooperativeSchema = z.object({
  coopname: antelopeNameSchema,
  display_name: z.string().trim().min(1).max(200),
});
export type ConnectCooperative = z.infer<typeof connectCooperativeSchema>;

export const claimStatusSchema = z.enum(['pending', 'approved', 'rejected', 'superseded']);
export type ClaimStatus = z.infer<typeof claimStatusSchema>;

/** A request to the platform admin to confirm a member owns a cooperative. */
export const cooperativeClaimSchema = z.object({
  id: z.uuid(),
  coopname: z.string(),
  display_name: z.string(),
  status: claimStatusSchema,
  note: z.string().nullable(),
  /** Why it was rejected (or superseded by a chain proof). */
  reason: z.string().nullable(),
  /** The member who asked (null once their account is deleted). */
  requested_by: z.uuid().nullable(),
  requested_at: instant,
  decided_at: instant.nullable(),
});
export type CooperativeClaim = z.infer<typeof cooperativeClaimSchema>;

/** A cooperative's ownership status as its staff see it. */
export const cooperativeVerificationSchema = z.object({
  coopname: z.string(),
  display_name: z.string(),
  /** Null while ownership is unproven: only `localhost` origins and redirect URIs work then. */
  verified_at: instant.nullable(),
  verified_via: verifiedViaSchema.nullable(),
  /** The latest request for the platform admin's approval, if any. */
  claim: cooperativeClaimSchema.nullable(),
});
export type CooperativeVerification = z.infer<typeof cooperativeVerificationSchema>;

/**
 * The answer to connecting: the cooperative (unverified, the caller its owner) and its client
 * credentials; the secret is shown this once.
 */
export const connectedCooperativeSchema = z.object({
  cooperative: cooperativeVerificationSchema,
  client_id: z.string(),
  client_secret: z.string(),
});
export type ConnectedCooperative = z.infer<typeof connectedCooperativeSchema>;

/** A single-use challenge to sign with a key of the cooperative's `active` or `owner` permission. */
export const ownershipChallengeSchema = z.object({
  /** 256 random bits; bound to the member and the cooperative. */
  challenge: base64Url.length(43),
  expires_in: z.number().int(),
});
export type OwnershipChallenge = z.infer<typeof ownershipChallengeSchema>;

/** What an ownership proof signs (K1, SHA-256 of the JCS of this object, MONO's convention). */
export const OWNERSHIP_PROOF_PURPOSE = 'cardcoop/v1/cooperative-ownership';
export function ownershipProofPayload(input: { challenge: string; coopname: string }): {
  purpose: typeof OWNERSHIP_PROOF_PURPOSE;
  challenge: string;
  coopname: string;
} {
  return { purpose: OWNERSHIP_PROOF_PURPOSE, challenge: input.challenge, coopname: input.coopname };
}

/**
 * `POST /business/cooperatives/{coopname}/verification/chain`: the K1 signature, by
 * `public_key`, of {@link ownershipProofPayload} over a challenge; `public_key` must be a key of
 * the account's `active` or `owner` permission on chain.
 */
export const chainOwnershipProofSchema = z.object({
  challenge: base64Url.length(43),
  public_key: k1PublicKeySchema,
  signature: k1SignatureSchema,
});
export type ChainOwnershipProof = z.infer<typeof chainOwnershipProofSchema>;

/** `POST /business/cooperatives/{coopname}/verification/request`: ask the platform admin. */
export const verificationRequestSchema = z.object({
  /** Anything that helps the platform admin check the claim (a contact, a document's number). */
  note: z.string().trim().min(1).max(1000).optional(),
});

export const claimListQuerySchema = z.object({
  status: claimStatusSchema.default('pending'),
});

export const claimListSchema = z.object({ claims: z.array(cooperativeClaimSchema) });
export type ClaimList = z.infer<typeof claimListSchema>;

/** `POST /admin/claims/{coopname}/reject`: the reason is mailed to the claimant. */
export const claimRejectionSchema = z.object({ reason: z.string().trim().min(1).max(1000) });

/**
 * The answer to a chain proof: the cooperative, now verified. When the proof took over a name
 * someone else had connected, `client_secret` is its new client secret (shown once; the old
 * holders knew the old one); null otherwise.
 */
export const chainVerificationSchema = cooperativeVerificationSchema.extend({
  client_secret: z.string().nullable(),
});
export type ChainVerification = z.infer<typeof chainVerificationSchema>;
