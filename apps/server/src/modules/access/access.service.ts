import { Inject, Injectable } from '@nestjs/common';
import type { ConnectTarget, PreparedShare } from '@cardcoop/contracts';
import { dataKeyFingerprint } from '@cardcoop/sdk';
import { AppError } from '../../common/errors/app-error.js';
import { CardAccountsService } from '../card/card-accounts.service.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { isTrustedDataKey } from '../cooperatives/data-key-trust.js';
import { assertTestOnlyTarget } from '../cooperatives/test-only-targets.js';
import { MEMBERSHIP_PROVIDER } from '../membership/membership.provider.js';
import type { MembershipProvider } from '../membership/membership.provider.js';
import { LogosRepository } from '../integration/logos.repository.js';
import type { LogoMeta } from '../integration/logos.repository.js';
import { logoUrl } from '../integration/logos.module.js';

/**
 * The ticket goes only where the cooperative registered: an exact redirect URI (`query`) or an
 * exact origin (`web_message`, iframe and popup). 422 UNREGISTERED_CALLBACK otherwise, and
 * 422 NOT_VERIFIED for a target off this machine while the cooperative's ownership is unproven.
 */
export function assertRegisteredTarget(
  cooperative: CooperativeRow,
  redirectUri: string,
  responseMode: 'query' | 'web_message',
): void {
  const registered =
    responseMode === 'web_message' ? cooperative.origins : cooperative.redirectUris;
  if (!registered.includes(redirectUri)) throw new AppError('UNREGISTERED_CALLBACK', 422);
  // An unverified cooperative is a test integration, whatever its settings hold.
  assertTestOnlyTarget(cooperative, redirectUri);
}

/**
 * Who the consent screen names as the recipient, and why it asks (152-ФЗ); how the cooperative
 * presents itself (description, site, logo) and why it asks each field.
 */
function recipient(cooperative: CooperativeRow, logo: LogoMeta | undefined) {
  return {
    coopname: cooperative.coopname,
    display_name: cooperative.displayName,
    legal_name: cooperative.legalName ?? cooperative.displayName,
    consent_purpose: cooperative.consentPurpose,
    description: cooperative.description,
    site_url: cooperative.siteUrl,
    logo_url: logo ? logoUrl(cooperative.coopname, logo.sha256) : null,
    field_reasons: Object.fromEntries(
      cooperative.requestedFields.flatMap((field) => {
        const reason = cooperative.fieldReasons[field];
        return reason ? [[field, reason]] : [];
      }),
    ),
  };
}

/**
 * Consent-based sharing with cooperatives. Preparing a share tells the member who will read
 * the data (the cooperative's legal name and stated purpose), with which key (and its
 * fingerprint) and which fields are asked for; only members whose membership is confirmed may
 * share — or, with cooperatives that admit applicants, anyone, whose account there is then made
 * with the share itself (nothing is created before the member consents).
 */
@Injectable()
export class AccessService {
  constructor(
    @Inject(CooperativesService) private readonly cooperatives: CooperativesService,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
    @Inject(MEMBERSHIP_PROVIDER) private readonly registry: MembershipProvider,
    @Inject(LogosRepository) private readonly logos: LogosRepository,
  ) {}

  /**
   * A cooperative the member may share with now: ready, and the member's open account there is
   * a confirmed member — or the cooperative admits applicants (`admission: open`, ADR 008), who
   * share to apply, with their account or (`username: null`) without one yet. 403 NOT_A_MEMBER
   * otherwise. Closed accounts do not count.
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
    const confirmed = account?.membership === 'confirmed';
    if (!confirmed && cooperative.admission !== 'open') throw new AppError('NOT_A_MEMBER', 403);
    return {
      cooperative,
      certificate,
      username: account?.username ?? null,
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
      ...recipient(cooperative, await this.logos.meta(coopname)),
      redirect_uri: redirectUri,
      response_mode: responseMode,
      requested_fields: cooperative.requestedFields,
      admission: cooperative.admission,
    };
  }

  /** What the consent screen shows. Reads only: no account is made here (see `shareable`). */
  async prepare(userId: string, coopname: string): Promise<PreparedShare> {
    const { cooperative, certificate, username, membership } = await this.shareable(
      userId,
      coopname,
    );
    return {
      ...recipient(cooperative, await this.logos.meta(coopname)),
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
