import { Inject, Injectable } from '@nestjs/common';
import { PublicKey } from '@wharfkit/antelope';
import { ownershipProofPayload } from '@cardcoop/contracts';
import type {
  ChainOwnershipProof,
  ChainVerification,
  ClaimStatus,
  ConnectCooperative,
  CooperativeClaim,
  CooperativeVerification,
  OwnershipChallenge,
} from '@cardcoop/contracts';
import { verifySignedObject } from '@cardcoop/sdk';
import { AppError } from '../../common/errors/app-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import type { AppDatabase } from '../../db/database.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { SingleUseChallenges } from '../../infra/cache/single-use-challenges.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { draftEvent } from '../audit/audit-draft.js';
import { AuditService } from '../audit/audit.service.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { hashClientSecret, newClientSecret } from '../cooperatives/cooperatives.service.js';
import { MailService } from '../mail/mail.service.js';
import { MEMBERSHIP_PROVIDER } from '../membership/membership.provider.js';
import type { MembershipProvider } from '../membership/membership.provider.js';
import { ClaimsRepository } from './claims.repository.js';
import type { ClaimRow, MailRecipient } from './claims.repository.js';

/** How many unverified cooperatives one member may hold at once (squatting stays cheap to undo). */
export const UNVERIFIED_LIMIT = 5;
/** How long a challenge to prove owning a cooperative's chain account may be answered. */
export const OWNERSHIP_CHALLENGE_SECONDS = 600;

interface ChallengeBinding {
  userId: string;
  coopname: string;
}

/** Who decides a claim: a platform admin (a member) or the platform's automation (no member). */
export interface ClaimReviewer {
  userId: string | null;
}

export function presentClaim(claim: ClaimRow): CooperativeClaim {
  return {
    id: claim.id,
    coopname: claim.coopname,
    display_name: claim.displayName,
    status: claim.status,
    note: claim.note,
    reason: claim.reason,
    requested_by: claim.requestedBy,
    requested_at: claim.requestedAt.toISOString(),
    decided_at: claim.decidedAt?.toISOString() ?? null,
  };
}

function presentVerification(
  cooperative: CooperativeRow,
  claim: ClaimRow | undefined,
): CooperativeVerification {
  return {
    coopname: cooperative.coopname,
    display_name: cooperative.displayName,
    verified_at: cooperative.verifiedAt?.toISOString() ?? null,
    verified_via: cooperative.verifiedVia,
    claim: claim ? presentClaim(claim) : null,
  };
}

/**
 * Self-service connection of cooperatives: a member connects one by its chain account name
 * (unverified: test targets only) and proves owning that account — with a K1 signature of a key
 * of its `active`/`owner` permission when a chain is configured, or by the platform admin's
 * approval of a claim. Whoever proves it on chain takes over a name someone else squatted.
 */
@Injectable()
export class ClaimsService {
  private readonly challenges: SingleUseChallenges<ChallengeBinding>;

  constructor(
    @Inject(ClaimsRepository) private readonly claims: ClaimsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MEMBERSHIP_PROVIDER) private readonly chain: MembershipProvider,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(CACHE) cache: Cache,
  ) {
    this.challenges = new SingleUseChallenges(
      cache,
      'ownership-challenge',
      OWNERSHIP_CHALLENGE_SECONDS,
    );
  }

  /**
   * Creates an unverified, active, basic cooperative with no origins or redirect URIs and the
   * member as its owner. 409 COOPNAME_TAKEN when the name exists (prove ownership on chain to
   * take over an unverified one); 422 UNVERIFIED_LIMIT past {@link UNVERIFIED_LIMIT}.
   */
  async connect(
    userId: string,
    input: ConnectCooperative,
    ip: string,
  ): Promise<{ cooperative: CooperativeVerification; clientSecret: string }> {
    const clientSecret = newClientSecret();
    const result = await this.claims.connect(
      {
        coopname: input.coopname,
        displayName: input.display_name,
        clientSecretHash: hashClientSecret(clientSecret),
        level: 'basic',
        status: 'active',
        origins: [],
        redirectUris: [],
      },
      userId,
      UNVERIFIED_LIMIT,
      this.audit.eventFor(userId, 'cooperative.connected', { coopname: input.coopname }, ip),
    );
    if (result.kind === 'taken') throw new AppError('COOPNAME_TAKEN', 409);
    if (result.kind === 'limit') throw new AppError('UNVERIFIED_LIMIT', 422);
    return { cooperative: presentVerification(result.cooperative, undefined), clientSecret };
  }

  /** The cooperative's ownership status and latest claim (its staff). */
  async verification(coopname: string): Promise<CooperativeVerification> {
    const cooperative = await this.claims.find(coopname);
    if (!cooperative) throw new AppError('NOT_FOUND', 404);
    return presentVerification(cooperative, await this.claims.latestClaim(coopname));
  }

  /**
   * A single-use challenge bound to the member and the cooperative; any member may ask (the
   * claimant of a squatted name is not its staff). 409 CHAIN_NOT_CONFIGURED without a chain.
   */
  async challenge(userId: string, coopname: string): Promise<OwnershipChallenge> {
    if (!this.config.chain.rpcUrl) throw new AppError('CHAIN_NOT_CONFIGURED', 409);
    if (!(await this.claims.find(coopname))) throw new AppError('NOT_FOUND', 404);
    return this.challenges.issue({ userId, coopname });
  }

  /**
   * Checks a proof — the member's own unused challenge for this cooperative, a K1 signature that
   * verifies, by a key of the account's `active` or `owner` permission on chain (asked afresh) —
   * then verifies the cooperative and makes the member an owner. After a takeover of an
   * unverified name the member held no role in (a squat: its staff are removed), the new client
   * secret is in the answer (the old holders knew the old one).
   */
  async proveByChain(
    userId: string,
    coopname: string,
    proof: ChainOwnershipProof,
    ip: string,
  ): Promise<ChainVerification> {
    if (!this.config.chain.rpcUrl) throw new AppError('CHAIN_NOT_CONFIGURED', 409);
    // Taken before anything else: a challenge answers one attempt, right or wrong.
    const binding = await this.challenges.take(proof.challenge);
    if (!binding || binding.userId !== userId || binding.coopname !== coopname) {
      throw new AppError('CHALLENGE_INVALID', 422);
    }
    const signed = {
      payload: ownershipProofPayload({ challenge: proof.challenge, coopname }),
      public_key: proof.public_key,
      signature: proof.signature,
    };
    if (!verifySignedObject(signed)) throw new AppError('PROOF_INVALID', 422);
    const keys = await this.chain.existingAccountKeys(coopname);
    if (keys === undefined) throw new AppError('CHAIN_NOT_CONFIGURED', 409);
    if (keys === null) throw new AppError('NOT_ON_CHAIN', 422);
    const claimed = PublicKey.from(proof.public_key);
    if (!keys.some((key) => PublicKey.from(key).equals(claimed))) {
      throw new AppError('KEY_NOT_ON_ACCOUNT', 422);
    }
    const clientSecret = newClientSecret();
    const proven = await this.claims.proveByChain(
      coopname,
      userId,
      hashClientSecret(clientSecret),
      {
        verified: this.audit.eventFor(
          userId,
          'cooperative.verified',
          { coopname, via: 'chain', public_key: proof.public_key },
          ip,
        ),
        removed: this.audit.eventFor(userId, 'cooperative.staff.removed', {
          coopname,
          reason: 'ownership_proven_by_another_member',
        }),
      },
    );
    if (!proven) throw new AppError('NOT_FOUND', 404);
    return {
      ...presentVerification(proven.cooperative, await this.claims.latestClaim(coopname)),
      client_secret: proven.tookOver ? clientSecret : null,
    };
  }

  /** A pending claim for the platform admin (the owner of an unverified cooperative). */
  async request(
    userId: string,
    coopname: string,
    note: string | undefined,
    ip: string,
  ): Promise<CooperativeClaim> {
    const claim = await this.claims.requestClaim(
      coopname,
      userId,
      note ?? null,
      this.audit.eventFor(userId, 'cooperative.claim.requested', { coopname }, ip),
    );
    if (claim === undefined) throw new AppError('NOT_FOUND', 404);
    if (claim === 'verified') throw new AppError('ALREADY_VERIFIED', 409);
    return presentClaim(claim);
  }

  async list(status: ClaimStatus): Promise<CooperativeClaim[]> {
    return (await this.claims.list(status, 500)).map(presentClaim);
  }

  /** Approves the pending claim: the cooperative is verified by the admin; the claimant mailed. */
  approve(coopname: string, reviewer: ClaimReviewer, ip: string): Promise<CooperativeClaim> {
    return this.decide(coopname, reviewer, ip, null);
  }

  /** Rejects the pending claim with a reason the claimant is mailed. */
  reject(
    coopname: string,
    reviewer: ClaimReviewer,
    reason: string,
    ip: string,
  ): Promise<CooperativeClaim> {
    return this.decide(coopname, reviewer, ip, reason);
  }

  private async decide(
    coopname: string,
    reviewer: ClaimReviewer,
    ip: string,
    reason: string | null,
  ): Promise<CooperativeClaim> {
    const status = reason === null ? 'approved' : 'rejected';
    const data = {
      coopname,
      status,
      reason,
      by: reviewer.userId ?? 'automation',
    };
    const subject = reviewer.userId;
    const claim = await this.claims.decide(
      coopname,
      { status, reason, decidedBy: subject },
      {
        // On the claimant's chain without an IP: it is not their request.
        claimant: { draft: draftEvent(`cooperative.claim.${status}`, data), ipSealed: null },
        actor: subject
          ? this.audit.eventFor(subject, `cooperative.claim.${status}`, data, ip)
          : null,
      },
      (tx, recipient, displayName) =>
        this.mailDecision(tx, recipient, { coopname, displayName }, reason),
    );
    if (!claim) throw new AppError('NOT_FOUND', 404);
    return presentClaim(claim);
  }

  private mailDecision(
    tx: AppDatabase,
    recipient: MailRecipient,
    { coopname, displayName }: { coopname: string; displayName: string },
    reason: string | null,
  ): Promise<void> {
    const email = this.crypto.open('email', recipient.emailSealed, `user:${recipient.userId}`);
    return this.mail.send(
      email,
      reason === null
        ? { kind: 'claim-approved', coopname, displayName }
        : { kind: 'claim-rejected', coopname, displayName, reason },
      recipient.locale,
      tx,
    );
  }
}
