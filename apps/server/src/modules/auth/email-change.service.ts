import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CodeSent } from '@cardcoop/contracts';
import type { changeEmailInitiateSchema } from '@cardcoop/contracts';
import type { z } from 'zod';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { AppError, isUniqueViolation } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { MailService } from '../mail/mail.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { Member } from '../sessions/sessions.service.js';
import { AccountsRepository } from './accounts.repository.js';
import { AuthLimits } from './auth-limits.js';
import {
  CODE_TTL_SECONDS,
  EmailCodesService,
  RESEND_AFTER_SECONDS,
} from './email-codes.service.js';
import { ReauthService } from './reauth.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { EMAIL_CHANGE_HOLD_MS } from './recovery.service.js';

type Initiate = z.infer<typeof changeEmailInitiateSchema>;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * E-mail change: password proof and second factor, a code to the new address, then a 7-day
 * revert link to the old one (recovery and deletion wait out that window).
 */
@Injectable()
export class EmailChangeService {
  constructor(
    @Inject(ReauthService) private readonly reauth: ReauthService,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(EmailCodesService) private readonly codes: EmailCodesService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(AuthLimits) private readonly limits: AuthLimits,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  /**
   * Mails a code to the new address. Like every code mail it counts against the IP's and the
   * address's budgets, and against the account's own: a member cannot mail many addresses.
   */
  async initiate(member: Member, input: Initiate, ip: string, locale: Locale): Promise<CodeSent> {
    await this.reauth.proveWithFactor(member.userId, input);
    const email = normalizeEmail(input.new_email);
    const lookup = this.crypto.lookup('email', email);
    await this.limits.hit('emailChangesPerAccount', member.userId);
    await this.limits.hit('codesPerIp', ip);
    await this.limits.hit('codesPerEmail', lookup);
    const code = await this.codes.issue('email_change', lookup, { user_id: member.userId });
    await this.cache.set(`email-change:${member.userId}`, lookup, CODE_TTL_SECONDS * 1000);
    const sealed = this.crypto.seal('email', email, `pending:${member.userId}`);
    await this.cache.set(`email-change-address:${member.userId}`, sealed, CODE_TTL_SECONDS * 1000);
    const taken = await this.accounts.existsByEmailLookups(this.crypto.lookups('email', email));
    // A taken address is not revealed to the member: its owner is told instead.
    await this.mail.send(
      email,
      taken
        ? { kind: 'address-in-use' }
        : { kind: 'code', code, purpose: 'email_change', minutes: CODE_TTL_SECONDS / 60 },
      locale,
    );
    return {
      status: 'code_sent',
      expires_in_seconds: CODE_TTL_SECONDS,
      resend_after_seconds: RESEND_AFTER_SECONDS,
    };
  }

  async confirm(member: Member, code: string, ip: string, locale: Locale): Promise<void> {
    const lookup = await this.cache.get(`email-change:${member.userId}`);
    if (!lookup) throw new AppError('INVALID_CODE', 422);
    const challenge = await this.codes.check('email_change', lookup, code);
    if (challenge.data.user_id !== member.userId) throw new AppError('INVALID_CODE', 422);
    await this.codes.consume(challenge);
    const user = await this.reauth.user(member.userId);
    const oldEmail = this.crypto.open('email', user.emailSealed, `user:${user.id}`);
    const newEmail = await this.newAddressOf(user.id, lookup);
    const token = randomBytes(32).toString('base64url');
    await this.accounts
      .changeEmail(
        user.id,
        { lookup, sealed: this.crypto.seal('email', newEmail, `user:${user.id}`) },
        {
          tokenHash: sha256(token),
          oldLookup: user.emailLookup,
          oldSealed: user.emailSealed,
          expiresAt: new Date(Date.now() + EMAIL_CHANGE_HOLD_MS),
        },
        this.audit.eventFor(user.id, 'email.changed', {}, ip),
      )
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', 409, { cause: error });
        throw error;
      });
    await this.cache.delete(`email-change:${member.userId}`);
    await this.cache.delete(`email-change-address:${member.userId}`);
    const revertUrl = `${this.config.publicUrl}/id/revert-email?token=${token}`;
    await this.mail.send(oldEmail, { kind: 'email-changed', revertUrl }, locale);
    await this.notifications.notify(user.id, 'security.email_changed', {}, { locale });
  }

  /** The old address takes the account back and every session ends. */
  async revert(token: string, ip: string): Promise<void> {
    const reverted = await this.accounts
      .revertEmail(
        sha256(token),
        (tx, userId) => this.sessions.revokeAll(tx, userId, 'email_reverted'),
        (userId, count) =>
          this.audit.eventFor(userId, 'email.reverted', { sessions_ended: count }, ip),
      )
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', 409, { cause: error });
        throw error;
      });
    if (!reverted) throw new AppError('INVALID_TOKEN', 401);
    this.sessions.ended(reverted.userId, reverted.ended);
  }

  /** The new address was only ever kept sealed in the pending change; read it back from there. */
  private async newAddressOf(userId: string, lookup: string): Promise<string> {
    const sealed = await this.cache.get(`email-change-address:${userId}`);
    if (!sealed) throw new AppError('INVALID_CODE', 422);
    const email = this.crypto.open('email', sealed, `pending:${userId}`);
    if (this.crypto.lookup('email', email) !== lookup) throw new AppError('INVALID_CODE', 422);
    return email;
  }
}
