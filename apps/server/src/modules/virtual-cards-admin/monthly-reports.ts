import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { MailService } from '../mail/mail.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { VirtualCardsAdminRepository } from './virtual-cards-admin.repository.js';
import { VirtualCardsReports } from './virtual-cards-reports.js';

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
 * cooperative and month): its owners get a mail in their language with the month's totals per
 * currency, pointing to the business panel where the full report downloads as CSV or XLSX (the
 * mail service sends no attachments), and the in-app notice `virtual_card.monthly_report` (a
 * staff-mailed type: the notification service does not mail it again).
 */
@Injectable()
export class MonthlyReports {
  private readonly logger = new Logger('VirtualCardMonthlyReports');

  constructor(
    @Inject(VirtualCardsAdminRepository) private readonly repository: VirtualCardsAdminRepository,
    @Inject(VirtualCardsReports) private readonly reports: VirtualCardsReports,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
  ) {}

  /** Sends what is due at `now`; the cooperatives it sent to. */
  async sendDue(now: Date): Promise<string[]> {
    if (now.getUTCDate() > LAST_SENDING_DAY) return [];
    const { month, from, to } = previousMonth(now);
    const sent: string[] = [];
    for (const coopname of await this.repository.extendedCooperatives()) {
      if (!(await this.repository.claimMonthlyReport(coopname, month))) continue;
      const [{ displayName, owners }, report] = await Promise.all([
        this.repository.owners(coopname),
        this.reports.forCooperative(coopname, { from, to }),
      ]);
      const template = {
        kind: 'virtual-cards-monthly' as const,
        coopname,
        displayName,
        month,
        cards: report.cards.length,
        totals: report.totals,
      };
      for (const owner of owners) {
        try {
          const to = this.crypto.open('email', owner.emailSealed, `user:${owner.userId}`);
          await this.mail.send(to, template, owner.locale);
          await this.notifications.notify(
            owner.userId,
            'virtual_card.monthly_report',
            { month },
            { coopname },
          );
        } catch (error) {
          this.logger.error(`monthly report to ${coopname}: ${(error as Error).message}`);
        }
      }
      sent.push(coopname);
    }
    return sent;
  }
}
