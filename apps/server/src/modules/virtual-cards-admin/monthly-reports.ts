import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotificationService } from '../notifications/notification.service.js';
import { VirtualCardsAdminRepository } from './virtual-cards-admin.repository.js';

/** The month before `now` (UTC): its `YYYY-MM` and its first and last days. */
export function previousMonth(now: Date): { month: string; from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return { month: day(first).slice(0, 7), from: day(first), to: day(last) };
}

/** Sent in the first days of a month only (a server down on the 1st catches up). */
const LAST_SENDING_DAY = 7;

/**
 * The monthly virtual-card report (issue 15): early in each month, each cooperative at the
 * extended level gets last month's report once (a `virtual_card_monthly_reports` row per
 * cooperative and month), its owners the notice `virtual_card.monthly_report` — in-app and by
 * e-mail as they chose; the mail points to the business panel, where the report downloads as
 * CSV or XLSX (the mail service sends no attachments).
 */
@Injectable()
export class MonthlyReports {
  private readonly logger = new Logger('VirtualCardMonthlyReports');

  constructor(
    @Inject(VirtualCardsAdminRepository) private readonly repository: VirtualCardsAdminRepository,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  /** Sends what is due at `now`; the cooperatives it sent to. */
  async sendDue(now: Date): Promise<string[]> {
    if (now.getUTCDate() > LAST_SENDING_DAY) return [];
    const { month } = previousMonth(now);
    const sent: string[] = [];
    for (const coopname of await this.repository.extendedCooperatives()) {
      if (!(await this.repository.claimMonthlyReport(coopname, month))) continue;
      const owners = await this.repository.owners(coopname);
      for (const userId of owners) {
        await this.notifications
          .notify(userId, 'virtual_card.monthly_report', { month }, { coopname })
          .catch((error: unknown) =>
            this.logger.error(`monthly report to ${coopname}: ${(error as Error).message}`),
          );
      }
      sent.push(coopname);
    }
    return sent;
  }
}
