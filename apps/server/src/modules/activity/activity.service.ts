import { Inject, Injectable } from '@nestjs/common';
import { ACTIVITY_DAILY_MAX_DAYS, activitySpanDays } from '@cardcoop/contracts';
import type { Activity, LoginHistory } from '@cardcoop/contracts';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { ActivityRepository } from './activity.repository.js';
import type { ActivitySpan } from './activity.repository.js';
import { loginCursor } from './login-cursor.js';

/** What the member's activity page shows: aggregates of their own events, and their sign-ins. */
@Injectable()
export class ActivityService {
  constructor(
    @Inject(ActivityRepository) private readonly activity: ActivityRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
  ) {}

  /** Reads and sign-ins per day (per week beyond three months), payments per month. */
  async summary(userId: string, span: ActivitySpan): Promise<Activity> {
    const granularity =
      activitySpanDays(span.from, span.to) > ACTIVITY_DAILY_MAX_DAYS ? 'week' : 'day';
    const [reads, logins, paid] = await Promise.all([
      this.activity.readsPerPeriod(userId, span, granularity),
      this.activity.loginsPerPeriod(userId, span, granularity),
      this.activity.paidPerMonth(userId, span),
    ]);
    return {
      ...span,
      granularity,
      reads: reads.map((row) => ({
        period: row.period,
        coopname: row.coopname,
        display_name: row.displayName,
        count: row.count,
      })),
      logins,
      contributions: paid,
    };
  }

  /**
   * The member's sign-ins, newest first, with the full address each came from: sealed for the
   * member's own chain (`audit:<user id>`), opened here for them and for this answer only.
   */
  async loginHistory(
    userId: string,
    query: { after?: string | undefined; limit: number },
  ): Promise<LoginHistory> {
    const rows = await this.activity.logins(userId, query.limit, loginCursor.decode(query.after));
    return {
      logins: rows.map((row) => ({
        at: row.at.toISOString(),
        device: row.device,
        ip: row.ipSealed ? this.crypto.open('ip', row.ipSealed, `audit:${userId}`) : null,
      })),
      next: loginCursor.next(rows, query.limit),
    };
  }
}
