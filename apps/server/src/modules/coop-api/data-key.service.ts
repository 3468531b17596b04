import { Inject, Injectable } from '@nestjs/common';
import type { DataKeyCertificate } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CooperativesRepository } from '../cooperatives/cooperatives.repository.js';
import type { ChangeEvent } from '../cooperatives/cooperatives.repository.js';
import { isTrustedDataKey } from '../cooperatives/data-key-trust.js';
import { MEMBERSHIP_PROVIDER } from '../membership/membership.provider.js';
import type { MembershipProvider } from '../membership/membership.provider.js';

/** A cooperative publishes the HPKE key members' data is sealed to. */
@Injectable()
export class DataKeyService {
  constructor(
    @Inject(CooperativesRepository) private readonly cooperatives: CooperativesRepository,
    @Inject(MEMBERSHIP_PROVIDER) private readonly registry: MembershipProvider,
  ) {}

  /**
   * Stores the certified key after checking it (see `isTrustedDataKey`): with a chain
   * configured, it must be signed by a key of the cooperative's account on chain. Members check
   * the certificate again on their side and see its fingerprint.
   */
  async publish(
    coopname: string,
    certificate: DataKeyCertificate,
    /** The business panel's audit event, committed with the key. */
    audit?: ChangeEvent,
  ): Promise<void> {
    const accountKeys = await this.registry.accountKeys(coopname);
    if (!isTrustedDataKey(coopname, certificate, accountKeys)) {
      throw new AppError('VALIDATION_FAILED', 422);
    }
    await this.cooperatives.setDataKey(coopname, { certificate }, audit);
  }
}
