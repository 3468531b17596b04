import { Inject, Injectable } from '@nestjs/common';
import { BROWSER_RECOMMENDATION_KEYS } from '@cardcoop/contracts';
import type { BrowserRecommendationKey, RecommendationList } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { CardAccountsService } from '../card/card-accounts.service.js';
import { dueDateToday } from '../contributions/contribution-view.js';
import { recommendationsFor } from './recommendation-rules.js';
import type { RecommendationFacts } from './recommendation-rules.js';
import { RecommendationsRepository } from './recommendations.repository.js';

const DAY_MS = 86_400_000;
/** A contribution is suggested this many days before it is due (and while overdue). */
const CONTRIBUTION_DAYS = 7;
/** A meeting without an answer is suggested this long before it starts. */
const MEETING_DAYS = 7;
/** A confirmed membership is news this long. */
const MEMBERSHIP_DAYS = 14;

const isBrowserKey = (id: string): id is BrowserRecommendationKey =>
  (BROWSER_RECOMMENDATION_KEYS as readonly string[]).includes(id);

/**
 * The member's suggestions the server can make (the card's own rules run in the browser, which
 * alone can read it), and their dismissal, kept per member so it holds on every device.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    @Inject(RecommendationsRepository) private readonly repository: RecommendationsRepository,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(userId: string): Promise<RecommendationList> {
    const { facts, dismissed } = await this.facts(userId);
    return {
      recommendations: recommendationsFor(facts).filter(({ id }) => !dismissed.has(id)),
      dismissed: BROWSER_RECOMMENDATION_KEYS.filter((key) => dismissed.has(key)),
    };
  }

  /**
   * Hides a suggestion for good: one of the member's active ones, or a browser rule's key.
   * Hiding it again changes nothing; any other id is 404 RECOMMENDATION_NOT_FOUND.
   */
  async dismiss(userId: string, id: string, ip: string): Promise<void> {
    const { facts, dismissed } = await this.facts(userId);
    if (dismissed.has(id)) return;
    if (!isBrowserKey(id) && !recommendationsFor(facts).some((item) => item.id === id)) {
      throw new AppError('RECOMMENDATION_NOT_FOUND', 404);
    }
    await this.repository.dismiss(
      userId,
      id,
      this.audit.eventFor(userId, 'recommendation.dismissed', { key: id }, ip),
    );
  }

  private async facts(
    userId: string,
  ): Promise<{ facts: RecommendationFacts; dismissed: Set<string> }> {
    const now = this.clock.now();
    const today = dueDateToday(now);
    const [security, accounts] = await Promise.all([
      this.repository.security(userId),
      this.accounts.list(userId),
    ]);
    if (!security) throw new AppError('UNAUTHORIZED', 401);
    const confirmed = accounts
      .filter((account) => account.closed_at === null && account.membership === 'confirmed')
      .map((account) => account.coopname);
    const cooperative = await this.repository.cooperativeFacts(userId, confirmed, {
      now: new Date(now),
      today,
      dueBy: dueDateToday(now + CONTRIBUTION_DAYS * DAY_MS),
      meetingsUntil: new Date(now + MEETING_DAYS * DAY_MS),
      confirmedSince: new Date(now - MEMBERSHIP_DAYS * DAY_MS),
    });
    return {
      facts: { ...security, ...cooperative, today },
      dismissed: new Set(security.dismissed),
    };
  }
}
