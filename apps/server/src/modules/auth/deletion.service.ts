import { Inject, Injectable } from '@nestjs/common';
import type { CodeSent, DeletionScheduled, DeletionStatus } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import type { PeriodicTask } from '../../infra/scheduler/periodic-task.js';
import { Scheduler } from '../../infra/scheduler/scheduler.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { MailService } from '../mail/mail.service.js';
import type { Member } from '../sessions/sessions.service.js';
import { AccountsRepository } from './accounts.repository.js';
import { AuthLimits } from './auth-limits.js';
import { EmailCodesService } from './email-codes.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { assertNoEmailChangeHold } from './recovery.service.js';

export const DELETION_DELAY_MS = 72 * 3_600_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * "I lost everything": deletion confirmed by an e-mailed code, carried out after 72 hours unless
 * cancelled from any signed-in device. Afterwards the address may register anew, inheriting
 * nothing. One node at a time runs the sweep (a periodic task in PostgreSQL).
 */
@Injectable()
export class DeletionService {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(EmailCodesService) private readonly codes: EmailCodesService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AuthLimits) private readonly limits: AuthLimits,
    @Inject(Scheduler) scheduler: Scheduler,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {
    this.task = scheduler.every('deletion-sweep', SWEEP_EVERY_MS, () => this.deleteDue(new Date()));
  }

  async initiate(rawEmail: string, ip: string, locale: Locale): Promise<CodeSent> {
    return this.codes.mailCode({ purpose: 'deletion', email: rawEmail, ip, locale });
  }

  async confirm(
    rawEmail: string,
    code: string,
    ip: string,
    locale: Locale,
  ): Promise<DeletionScheduled> {
    await this.limits.hit('verifyPerIp', ip);
    const email = normalizeEmail(rawEmail);
    const challenge = await this.codes.check('deletion', this.crypto.lookup('email', email), code);
    const user = await this.accounts.findByEmailLookups(this.crypto.lookups('email', email));
    if (!user) throw new AppError('INVALID_CODE', 422);
    assertNoEmailChangeHold(user);
    await this.codes.consume(challenge);
    const due = user.deletionDueAt ?? new Date(Date.now() + DELETION_DELAY_MS);
    const event = this.audit.eventFor(
      user.id,
      'deletion.scheduled',
      { due: due.toISOString() },
      ip,
    );
    await this.accounts.scheduleDeletion(user.id, due, event);
    await this.mail.send(email, { kind: 'deletion-scheduled', due: due.toISOString() }, locale);
    const notice = { due_at: due.toISOString() };
    await this.notifications.notify(user.id, 'account.deletion_scheduled', notice, { locale });
    return { deletion_due_at: due.toISOString() };
  }

  async status(member: Member): Promise<DeletionStatus> {
    const user = await this.accounts.findById(member.userId);
    return { deletion_due_at: user?.deletionDueAt?.toISOString() ?? null };
  }

  async cancel(member: Member, ip: string, locale: Locale): Promise<void> {
    const user = await this.accounts.findById(member.userId);
    if (!user?.deletionDueAt) throw new AppError('NOT_FOUND', 404);
    const event = this.audit.eventFor(user.id, 'deletion.cancelled', {}, ip);
    // Cancelled meanwhile (another device): nothing pending any more.
    if (!(await this.accounts.cancelDeletion(user.id, event))) throw new AppError('NOT_FOUND', 404);
    await this.mail.send(
      this.crypto.open('email', user.emailSealed, `user:${user.id}`),
      { kind: 'deletion-cancelled' },
      locale,
    );
  }

  /** Deletes the accounts whose time has come (unless another node is at it); returns their ids. */
  async sweep(now = new Date()): Promise<string[]> {
    return (await this.task.runOnce(() => this.deleteDue(now))) ?? [];
  }

  /**
   * Deletes the accounts due by `now` at once, whether or not a sweep is running elsewhere (a
   * platform admin carrying one out now must not depend on winning the sweep's claim; a row
   * deleted by both is deleted and audited once).
   */
  async deleteDue(now: Date): Promise<string[]> {
    return this.accounts.deleteDue(now, (id) => this.audit.eventFor(id, 'account.deleted'));
  }
}
