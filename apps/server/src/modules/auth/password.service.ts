import { Inject, Injectable } from '@nestjs/common';
import type { ChangePasswordStarted, SessionsEnded, SymmetricEnvelope } from '@cardcoop/contracts';
import type { changePasswordCompleteSchema } from '@cardcoop/contracts';
import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { MailService } from '../mail/mail.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { Member } from '../sessions/sessions.service.js';
import { AccountsRepository } from './accounts.repository.js';
import { OPAQUE_SETUP_VERSION, OpaqueService } from './opaque.service.js';
import { ReauthService } from './reauth.service.js';
import { NotificationService } from '../notifications/notification.service.js';

type CompleteChange = z.infer<typeof changePasswordCompleteSchema>;

/**
 * Password change: an OPAQUE proof of the current password (plus the second factor when on),
 * then the new record and the re-wrapped user key replace the old ones in one compare-and-swap.
 * The user key, and so every piece of data, is unchanged.
 */
@Injectable()
export class PasswordService {
  constructor(
    @Inject(ReauthService) private readonly reauth: ReauthService,
    @Inject(OpaqueService) private readonly opaque: OpaqueService,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  async initiate(
    member: Member,
    startLoginRequest: string,
    registrationRequest: string,
  ): Promise<ChangePasswordStarted> {
    const started = await this.reauth.start(member.userId, startLoginRequest, member.sessionId);
    return {
      change_id: started.reauth_id,
      login_response: started.login_response,
      registration_response: await this.opaque.registrationResponse(
        member.userId,
        registrationRequest,
      ),
      ksf: started.ksf,
    };
  }

  async complete(
    member: Member,
    input: CompleteChange,
    ip: string,
    locale: Locale,
  ): Promise<SessionsEnded> {
    await this.opaque.assertRegistrationRecord(input.registration_record);
    const version = await this.reauth.proveWithFactor(member.userId, {
      ...input,
      reauth_id: input.change_id,
    });
    const ended = await this.accounts.replaceCredentials(
      member.userId,
      version,
      {
        opaqueRecord: input.registration_record,
        opaqueSetupVersion: OPAQUE_SETUP_VERSION,
        ksf: input.ksf,
        wrappedUserKey: input.wrapped_user_key satisfies SymmetricEnvelope,
      },
      async (tx) => (input.end_other_sessions ? this.sessions.revokeOthers(member, ip, tx) : []),
      (count) =>
        this.audit.eventFor(member.userId, 'password.changed', { sessions_ended: count }, ip),
    );
    if (!ended) throw new AppError('CONFLICT', 409);
    this.sessions.ended(member.userId, ended);
    const user = await this.reauth.user(member.userId);
    await this.mail.send(
      this.crypto.open('email', user.emailSealed, `user:${user.id}`),
      { kind: 'password-changed', by: 'password' },
      locale,
    );
    await this.notifications.notify(
      user.id,
      'security.password_changed',
      { by: 'password' },
      { locale },
    );
    return { sessions_ended: ended.length };
  }
}
