import { Inject, Injectable } from '@nestjs/common';
import type { RecoveryKitStatus } from '@cardcoop/contracts';
import type { recoveryKitReissueSchema } from '@cardcoop/contracts';
import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { MailService } from '../mail/mail.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { Member } from '../sessions/sessions.service.js';
import { AccountsRepository } from './accounts.repository.js';
import type { UserRow } from './accounts.repository.js';
import { ReauthService } from './reauth.service.js';

type Reissue = z.infer<typeof recoveryKitReissueSchema>;

/**
 * The Recovery Kit's life: a kit issued at registration, by a recovery or here stays unconfirmed
 * until the member confirms holding it; until then every unlock asks to save a new one, which
 * replaces the server's recovery wrap (the previous kit stops working).
 */
@Injectable()
export class RecoveryKitService {
  constructor(
    @Inject(ReauthService) private readonly reauth: ReauthService,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
  ) {}

  async status(member: Member): Promise<RecoveryKitStatus> {
    return this.statusOf(await this.reauth.user(member.userId));
  }

  private statusOf(user: UserRow): RecoveryKitStatus {
    const at = user.recoveryKitConfirmedAt;
    return {
      confirmed: at !== null,
      confirmed_at: at ? at.toISOString() : null,
      email: this.emailOf(user),
    };
  }

  private emailOf(user: UserRow): string {
    return this.crypto.open('email', user.emailSealed, `user:${user.id}`);
  }

  /**
   * Idempotent: only the first confirmation of a kit is recorded (`recovery_kit.confirmed`). The
   * session that confirms it, short-lived while the kit was unconfirmed, gets its full life.
   */
  async confirm(member: Member, ip: string): Promise<RecoveryKitStatus> {
    const at = await this.accounts.confirmRecoveryKit(
      member.userId,
      this.audit.eventFor(member.userId, 'recovery_kit.confirmed', {}, ip),
    );
    if (!at) throw new AppError('UNAUTHORIZED', 401);
    await this.sessions.kitConfirmed(member);
    return this.status(member);
  }

  /**
   * A new kit after a proof of the password (and the second factor when on): the recovery wrap
   * and auth hash are replaced in one compare-and-swap with the `recovery_kit.issued` event; the
   * member is told by mail that the previous kit no longer works.
   */
  async reissue(
    member: Member,
    input: Reissue,
    ip: string,
    locale: Locale,
  ): Promise<RecoveryKitStatus> {
    const version = await this.reauth.proveWithFactor(member.userId, input);
    const swapped = await this.accounts.replaceRecoveryKit(
      member.userId,
      version,
      {
        recoveryWrappedUserKey: input.recovery.wrapped_user_key,
        recoveryAuthHash: input.recovery.auth_hash,
      },
      this.audit.eventFor(member.userId, 'recovery_kit.issued', {}, ip),
    );
    if (!swapped) throw new AppError('CONFLICT', 409);
    const user = await this.reauth.user(member.userId);
    await this.mail.send(this.emailOf(user), { kind: 'recovery-kit-issued' }, locale);
    return this.statusOf(user);
  }
}
