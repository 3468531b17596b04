import {
  chainVerificationSchema,
  claimListSchema,
  connectedCooperativeSchema,
  cooperativeClaimSchema,
  cooperativeVerificationSchema,
  ownershipChallengeSchema,
  ownershipProofPayload,
} from '@cardcoop/contracts';
import type {
  ChainOwnershipProof,
  ChainVerification,
  ClaimStatus,
  ConnectCooperative,
  ConnectedCooperative,
  CooperativeClaim,
  CooperativeVerification,
  OwnershipChallenge,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { signObject } from '../crypto/k1-signature.js';
import type { MemberSessionManager } from '../session/manager.js';

const BUSINESS_PATH = '/api/v1/business/cooperatives';
const ADMIN_CLAIMS_PATH = '/api/v1/admin/claims';
const verificationPath = (coopname: string, step = '') =>
  `${BUSINESS_PATH}/${encodeURIComponent(coopname)}/verification${step}`;

/**
 * Proof of owning the cooperative's chain account: the K1 signature of the challenge (MONO's
 * `{payload, public_key, signature}` convention over `ownershipProofPayload`), made locally —
 * the private key (WIF `5…` or `PVT_K1_…`) is used here and never sent anywhere.
 *
 * @throws TypeError when the key is not a K1 private key.
 * @example
 * ```ts
 * const proof = signOwnershipProof('voskhod', challenge, process.env.COOP_PRIVATE_KEY!);
 * // {challenge, public_key: 'PUB_K1_…', signature: 'SIG_K1_…'}
 * ```
 */
export function signOwnershipProof(
  coopname: string,
  challenge: string,
  privateKey: string,
): ChainOwnershipProof {
  const signed = signObject(ownershipProofPayload({ challenge, coopname }), privateKey);
  return { challenge, public_key: signed.public_key, signature: signed.signature };
}

/**
 * Connecting a cooperative and proving its ownership, in the business panel. Until proven, the
 * integration works only against `localhost` origins and redirect URIs.
 *
 * @example
 * ```ts
 * const { client_secret } = await business.claims.connect({ coopname: 'voskhod', display_name: 'ПК «Восход»' });
 * // With a chain: sign with a key of the account's active or owner permission, in this process.
 * await business.claims.proveWithKey('voskhod', wif);
 * // Without one: ask the platform admin.
 * await business.claims.requestApproval('voskhod', 'Председатель: Иванов И. И., +7 999 123-45-67');
 * ```
 */
export interface ClaimsClient {
  /** A new unverified integration with the caller as owner; the client secret is shown once. */
  connect(input: ConnectCooperative): Promise<ConnectedCooperative>;
  /** Whether ownership is proven, and the latest claim (staff). */
  verification(coopname: string): Promise<CooperativeVerification>;
  /** A single-use challenge (10 min) bound to the caller and the cooperative. */
  challenge(coopname: string): Promise<OwnershipChallenge>;
  /** Sends a proof made elsewhere (`npm run coop -- prove`, {@link signOwnershipProof}). */
  proveByChain(coopname: string, proof: ChainOwnershipProof): Promise<ChainVerification>;
  /** Fetches a challenge, signs it locally with `privateKey` and sends the proof. */
  proveWithKey(coopname: string, privateKey: string): Promise<ChainVerification>;
  /** Asks the platform admin to confirm ownership (owner; no chain needed). */
  requestApproval(coopname: string, note?: string): Promise<CooperativeClaim>;
}

export function createClaimsClient(session: MemberSessionManager): ClaimsClient {
  const proveByChain = async (coopname: string, proof: ChainOwnershipProof) =>
    parseResponse(
      chainVerificationSchema,
      await session.request(verificationPath(coopname, '/chain'), { method: 'POST', body: proof }),
      'ownership proof',
    );
  const challenge = async (coopname: string) =>
    parseResponse(
      ownershipChallengeSchema,
      await session.request(verificationPath(coopname, '/challenge'), { method: 'POST' }),
      'ownership challenge',
    );
  return {
    connect: async (input) =>
      parseResponse(
        connectedCooperativeSchema,
        await session.request(BUSINESS_PATH, { method: 'POST', body: input }),
        'connect cooperative',
      ),
    verification: async (coopname) =>
      parseResponse(
        cooperativeVerificationSchema,
        await session.request(verificationPath(coopname)),
        'verification',
      ),
    challenge,
    proveByChain,
    proveWithKey: async (coopname, privateKey) => {
      const { challenge: issued } = await challenge(coopname);
      return proveByChain(coopname, signOwnershipProof(coopname, issued, privateKey));
    },
    requestApproval: async (coopname, note) =>
      parseResponse(
        cooperativeClaimSchema,
        await session.request(verificationPath(coopname, '/request'), {
          method: 'POST',
          body: note === undefined ? {} : { note },
        }),
        'verification request',
      ),
  };
}

/**
 * The platform admin's queue of ownership claims.
 *
 * @example
 * ```ts
 * for (const claim of await platform.claims.list()) {
 *   await platform.claims.approve(claim.coopname);
 * }
 * await platform.claims.reject('voskhod', 'Не удалось связаться с председателем');
 * ```
 */
export interface PlatformClaimsClient {
  /** Claims in `status` (pending by default), oldest first. */
  list(status?: ClaimStatus): Promise<CooperativeClaim[]>;
  /** Verifies the cooperative (by the admin) and mails the claimant. */
  approve(coopname: string): Promise<CooperativeClaim>;
  /** Rejects the claim; the reason is mailed to the claimant. */
  reject(coopname: string, reason: string): Promise<CooperativeClaim>;
}

export function createPlatformClaimsClient(session: MemberSessionManager): PlatformClaimsClient {
  const decide = async (coopname: string, step: string, body: unknown) =>
    parseResponse(
      cooperativeClaimSchema,
      await session.request(`${ADMIN_CLAIMS_PATH}/${encodeURIComponent(coopname)}/${step}`, {
        method: 'POST',
        body,
      }),
      `claim ${step}`,
    );
  return {
    list: async (status = 'pending') =>
      parseResponse(
        claimListSchema,
        await session.request(`${ADMIN_CLAIMS_PATH}?status=${status}`),
        'claims',
      ).claims,
    approve: (coopname) => decide(coopname, 'approve', {}),
    reject: (coopname, reason) => decide(coopname, 'reject', { reason }),
  };
}
