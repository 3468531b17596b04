import { Inject, Injectable } from '@nestjs/common';
import type {
  Contribution,
  ContributionDetails,
  ContributionList,
  ContributionsQuery,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { dueDateToday, toContribution, toContributionDetails } from './contribution-view.js';
import { requestCursor } from './page-cursor.js';
import { PaymentRequestsRepository } from './payment-requests.repository.js';

/** The member's contributions: the payment requests addressed to any of their accounts. */
@Injectable()
export class ContributionsService {
  constructor(
    @Inject(PaymentRequestsRepository) private readonly requests: PaymentRequestsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(
    userId: string,
    query: Omit<ContributionsQuery, 'limit'> & { limit: number },
  ): Promise<ContributionList> {
    const today = dueDateToday(this.clock.now());
    const rows = await this.requests.listOfMember(
      userId,
      query,
      today,
      requestCursor.decode(query.after),
      query.limit,
    );
    return {
      contributions: rows.map((row) => toContribution(row, today)),
      next: requestCursor.next(rows, query.limit),
    };
  }

  /** Up to `limit` of the member's requested and overdue contributions, the nearest due first. */
  async unpaid(userId: string, limit: number): Promise<Contribution[]> {
    const today = dueDateToday(this.clock.now());
    const rows = await this.requests.listOfMember(
      userId,
      { status: 'unpaid' },
      today,
      undefined,
      limit,
    );
    return rows
      .map((row) => toContribution(row, today))
      .sort((a, b) => a.due_date.localeCompare(b.due_date));
  }

  /** One of the member's contributions with how to pay it; `NOT_FOUND` for anyone else's. */
  async get(userId: string, id: string): Promise<ContributionDetails> {
    const row = await this.requests.findOfMember(userId, id);
    if (!row) throw new AppError('NOT_FOUND', 404);
    return toContributionDetails(row, dueDateToday(this.clock.now()));
  }
}
