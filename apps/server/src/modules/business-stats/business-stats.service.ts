import { Inject, Injectable } from '@nestjs/common';
import type { BusinessFunnel, BusinessStats, BusinessStatsDay } from '@cardcoop/contracts';
import { BusinessStatsRepository, FUNNEL_STEPS } from './business-stats.repository.js';
import type { CountedEvent, FunnelStep, StatsSpan } from './business-stats.repository.js';

type DayCount = Exclude<keyof BusinessStatsDay, 'date'>;

/** The day's field each counted event adds to. */
const FIELD_OF: Record<CountedEvent, DayCount> = {
  'connect.opened': 'connect_opened',
  'account.registered': 'registrations',
  'login.succeeded': 'sign_ins',
  'grant.shared': 'consents',
  'grant.refused': 'refusals',
  'grant.revoked': 'revocations',
  'grant.ticket_exchanged': 'tickets_exchanged',
  'grant.read': 'reads',
  'membership.confirmed': 'membership_confirmations',
};

const emptyDay = (date: string): BusinessStatsDay => ({
  date,
  connect_opened: 0,
  registrations: 0,
  sign_ins: 0,
  consents: 0,
  refusals: 0,
  revocations: 0,
  tickets_exchanged: 0,
  reads: 0,
  membership_confirmations: 0,
});

/** Every calendar day from `from` to `to`, both included (`YYYY-MM-DD`). */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(from); at <= Date.parse(to); at += 86_400_000) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** A cooperative's statistics in its business panel, all from events the server audits. */
@Injectable()
export class BusinessStatsService {
  constructor(@Inject(BusinessStatsRepository) private readonly stats: BusinessStatsRepository) {}

  async get(coopname: string, span: StatsSpan): Promise<BusinessStats> {
    const [rows, steps, activeGrants] = await Promise.all([
      this.stats.perDay(coopname, span),
      this.stats.funnel(coopname, span),
      this.stats.activeGrants(coopname),
    ]);
    const days = new Map(daysOf(span.from, span.to).map((date) => [date, emptyDay(date)]));
    for (const row of rows) {
      const day = days.get(row.date);
      if (day) day[FIELD_OF[row.type]] += row.count;
    }
    const funnel = Object.fromEntries(
      Object.keys(FUNNEL_STEPS).map((step) => [step, 0]),
    ) as BusinessFunnel;
    for (const row of steps) funnel[row.step as FunnelStep] = row.count;
    const list = [...days.values()];
    return {
      coopname,
      ...span,
      days: list,
      funnel,
      totals: {
        active_grants: activeGrants,
        revocations: list.reduce((sum, day) => sum + day.revocations, 0),
      },
    };
  }
}
