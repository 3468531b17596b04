import { Inject, Injectable } from '@nestjs/common';
import type { ConnectTarget, PreparedShare } from '@cardcoop/contracts';
import { dataKeyFingerprint } from '@cardcoop/sdk';
import { AppError } from '../../common/errors/app-error.js';
import { CardAccountsService } from '../card/card-accounts.service.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { isTrustedDataKey } from '../cooperatives/data-key-trust.js';
import { MEMBERSHIP_PROVIDER } from '../membership/membership.provider.js';
import type { MembershipProvider } from '../membership/membership.provider.js';

/**
 * The ticket goes only where the cooperative registered: an exact redirect URI (`query`) or an
 * exact origin (`web_message`, iframe and popup). 422 UNREGISTERED_CALLBACK otherwise.
 */
export function assertRegisteredTarget(
  cooperative: CooperativeRow,
  redirectUri: string,
  responseMode: 'query' | 'web_message',
): void {
  const registered =
    responseMode === 'web_message' ? cooperative.origins : cooperative.redirectUris;
  if (!registered.includes(redirectUri)) throw new AppError('UNREGISTERED_CALLBACK', 422);
}

/**
 * Consent-based sharing with cooperatives. Preparing a share tells the member who will read
 * the data, with which key (and its fingerprint) and which fields are asked for; only members
 * whose membership is confirmed may share.
 */
@Injectable()
export class AccessService {
  constructor(
    @Inject(CooperativesService) private readonly cooperatives: CooperativesService,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
    @Inject(MEMBERSHIP_PROVIDER) private readonly registry: MembershipProvider,
  ) {}

  /**
   * A cooperative the member may share with now: ready, the member has an account there, and the
   * membership is confirmed — or the cooperative admits applicants (`admission: open`), who share
   * to apply (ADR 008).
   */
  async shareable(userId: string, coopname: string) {
    const cooperative = await this.cooperatives.active(coopname);
    const dataKey = cooperative.dataKey;
    const certificate = dataKey?.certificate;
    // With a chain, the key must still be certified by a key of the cooperative's account there.
    const accountKeys = await this.registry.accountKeys(coopname);
    if (!certificate || !isTrustedDataKey(coopname, certificate, accountKeys)) {
      throw new AppError('COOPERATIVE_NOT_READY', 409);
    }
    const account = await this.accounts.inCooperative(userId, coopname);
    if (!account) throw new AppError('NOT_FOUND', 404);
    const confirmed = account.membership === 'confirmed';
    if (!confirmed && cooperative.admission !== 'open') throw new AppError('NOT_A_MEMBER', 403);
    return {
      cooperative,
      certificate,
      username: account.username,
      membership: confirmed ? ('confirmed' as const) : ('applicant' as const),
    };
  }

  /** Checks a connect request before the member signs in: who asks, and where the ticket goes. */
  async connectTarget(
    coopname: string,
    redirectUri: string,
    responseMode: 'query' | 'web_message',
  ): Promise<ConnectTarget> {
    const cooperative = await this.cooperatives.active(coopname);
    assertRegisteredTarget(cooperative, redirectUri, responseMode);
    return {
      coopname,
      display_name: cooperative.displayName,
      redirect_uri: redirectUri,
      response_mode: responseMode,
      requested_fields: cooperative.requestedFields,
      admission: cooperative.admission,
    };
  }

  async prepare(userId: string, coopname: string): Promise<PreparedShare> {
    const { cooperative, certificate, username, membership } = await this.shareable(
      userId,
      coopname,
    );
    return {
      coopname,
      display_name: cooperative.displayName,
      data_key: {
        certificate,
        fingerprint: dataKeyFingerprint(certificate.payload.public_key).hex,
      },
      username,
      membership,
      requested_fields: cooperative.requestedFields,
    };
  }
}
