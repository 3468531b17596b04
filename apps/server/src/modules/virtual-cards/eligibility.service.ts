import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { AppError } from '../../common/errors/app-error.js';
import { CardAccountsService } from '../card/card-accounts.service.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { CooperativesRepository } from '../cooperatives/cooperatives.repository.js';
import type { ConditionsRow } from './virtual-cards.repository.js';
import { VirtualCardsRepository } from './virtual-cards.repository.js';

/**
 * Why a member may not issue a virtual card in a cooperative (stable codes): the cooperative is
 * not at the extended level (the operator did not approve it), has issuing off, the member is not
 * a confirmed member there, has not shared the operator's KYC fields, or holds as many cards as
 * the cooperative allows.
 */
export type IneligibleReason =
  'not_extended' | 'issuing_off' | 'not_a_member' | 'kyc_not_shared' | 'card_limit';

export interface Eligibility {
  cooperative: CooperativeRow;
  username: string | null;
  conditions: ConditionsRow | undefined;
  reasons: IneligibleReason[];
  /** The operator cooperative and the fields it needs shared, when one is configured. */
  kyc: { coopname: string; fields: string[] } | null;
}

@Injectable()
export class EligibilityService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(CooperativesRepository) private readonly cooperatives: CooperativesRepository,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
    @Inject(VirtualCardsRepository) private readonly cards: VirtualCardsRepository,
  ) {}

  /** The member's eligibility in each active cooperative they hold an open account in. */
  async forMember(userId: string): Promise<Eligibility[]> {
    const coopnames = await this.cards.cooperativesOf(userId);
    return Promise.all(coopnames.map((coopname) => this.check(userId, coopname)));
  }

  async check(userId: string, coopname: string): Promise<Eligibility> {
    const cooperative = await this.cooperatives.find(coopname);
    if (!cooperative || cooperative.status !== 'active') throw new AppError('NOT_FOUND', 404);
    const [account, conditions, kyc] = await Promise.all([
      this.accounts.inCooperative(userId, coopname),
      this.cards.conditions(coopname),
      this.kycOf(),
    ]);
    const reasons: IneligibleReason[] = [];
    if (cooperative.level !== 'extended') reasons.push('not_extended');
    if (!conditions?.issuing) reasons.push('issuing_off');
    if (account?.membership !== 'confirmed') reasons.push('not_a_member');
    if (kyc && !(await this.sharedWithOperator(userId, kyc))) reasons.push('kyc_not_shared');
    const limit = conditions?.maxCardsPerMember ?? 1;
    if ((await this.cards.liveCount(userId, coopname)) >= limit) reasons.push('card_limit');
    return { cooperative, username: account?.username ?? null, conditions, reasons, kyc };
  }

  /** Eligible, or 403 CARD_ISSUE_NOT_ALLOWED naming every reason. */
  async assertEligible(
    userId: string,
    coopname: string,
  ): Promise<Eligibility & { username: string }> {
    const eligibility = await this.check(userId, coopname);
    if (eligibility.reasons.length > 0 || eligibility.username === null) {
      throw new AppError('CARD_ISSUE_NOT_ALLOWED', 403, {
        details: eligibility.reasons.map((reason) => ({
          path: 'coopname',
          code: reason,
          message: reason,
        })),
      });
    }
    return { ...eligibility, username: eligibility.username };
  }

  /** The operator cooperative's requested fields: what KYC needs shared with it. */
  private async kycOf(): Promise<{ coopname: string; fields: string[] } | null> {
    const coopname = this.config.aifory.operatorCoopname;
    if (!coopname) return null;
    const operator = await this.cooperatives.find(coopname);
    return operator ? { coopname, fields: operator.requestedFields } : null;
  }

  /** A live grant to the operator covering every field it requests. */
  private async sharedWithOperator(
    userId: string,
    kyc: { coopname: string; fields: string[] },
  ): Promise<boolean> {
    const shared = await this.cards.sharedFields(userId, kyc.coopname);
    return !!shared && kyc.fields.every((field) => shared.includes(field));
  }
}
