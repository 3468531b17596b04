import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CodeSent, TokenResponse, VerifyEmailResult } from '@cardcoop/contracts';
import type { z } from 'zod';
import type { completeRegistrationSchema } from '@cardcoop/contracts';
import { AppError, isUniqueViolation } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { CURRENT_PRIVACY_POLICY } from '../privacy/privacy-policy.js';
import { TotpSuggestion } from '../recommendations/totp-suggestion.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { AccountsRepository } from './accounts.repository.js';
import { AuthLimits } from './auth-limits.js';
import { EmailCodesService } from './email-codes.service.js';
import { OPAQUE_SETUP_VERSION, OpaqueService } from './opaque.service.js';

const REGISTRATION_TTL_MS = 15 * 60_000;

type CompleteRegistration = z.infer<typeof completeRegistrationSchema>;

interface PendingRegistration {
  userId: string;
  emailLookup: string;
  emailSealed: string;
  policyVersion: string;
  ip: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * Registration in three calls: an e-mailed code, the OPAQUE registration response, and the
 * upload of the record and the wrapped user key. Nothing in the answers depends on whether the
 * address is already registered: its owner gets a warning mail instead of a code.
 */
@Injectable()
export class RegistrationService {
  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(EmailCodesService) private readonly codes: EmailCodesService,
    @Inject(OpaqueService) private readonly opaque: OpaqueService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AuthLimits) private readonly limits: AuthLimits,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(TotpSuggestion) private readonly totpSuggestion: TotpSuggestion,
  ) {}

  async initiate(
    rawEmail: string,
    privacyVersion: string,
    ip: string,
    locale: Locale,
  ): Promise<CodeSent> {
    if (privacyVersion !== CURRENT_PRIVACY_POLICY.version)
      throw new AppError('PRIVACY_VERSION_OUTDATED', 422);
    return this.codes.mailCode({
      purpose: 'registration',
      email: rawEmail,
      ip,
      locale,
      data: { user_id: randomUUID() },
    });
  }

  async verify(
    rawEmail: string,
    code: string,
    registrationRequest: string,
    ip: string,
  ): Promise<VerifyEmailResult> {
    await this.limits.hit('verifyPerIp', ip);
    const email = normalizeEmail(rawEmail);
    const emailLookup = this.crypto.lookup('email', email);
    const challenge = await this.codes.check('registration', emailLookup, code);
    await this.codes.consume(challenge);
    const userId = challenge.data.user_id;
    if (!userId) throw new AppError('INVALID_CODE', 422);
    const registrationResponse = await this.opaque.registrationResponse(
      userId,
      registrationRequest,
    );
    const token = randomBytes(32).toString('base64url');
    const pending: PendingRegistration = {
      userId,
      emailLookup,
      emailSealed: this.crypto.seal('email', email, `user:${userId}`),
      policyVersion: CURRENT_PRIVACY_POLICY.version,
      ip,
    };
    await this.cache.set(
      `registration:${sha256(token)}`,
      JSON.stringify(pending),
      REGISTRATION_TTL_MS,
    );
    return {
      registration_token: token,
      registration_response: registrationResponse,
      user_id: userId,
    };
  }

  async complete(input: CompleteRegistration): Promise<TokenResponse> {
    // Before the token is spent: a client that sent a broken record may try again.
    await this.opaque.assertRegistrationRecord(input.registration_record);
    const stored = await this.cache.take(`registration:${sha256(input.registration_token)}`);
    if (!stored) throw new AppError('INVALID_TOKEN', 401);
    const pending = JSON.parse(stored) as PendingRegistration;
    const tokens = await this.accounts
      .transaction(async (tx) => {
        await this.accounts.insert(
          tx,
          {
            id: pending.userId,
            emailLookup: pending.emailLookup,
            emailSealed: pending.emailSealed,
            opaqueRecord: input.registration_record,
            opaqueSetupVersion: OPAQUE_SETUP_VERSION,
            ksf: input.ksf,
            wrappedUserKey: input.wrapped_user_key,
            recoveryWrappedUserKey: input.recovery.wrapped_user_key,
            recoveryAuthHash: input.recovery.auth_hash,
          },
          {
            userId: pending.userId,
            policyVersion: pending.policyVersion,
            ipSealed: this.crypto.seal('ip', pending.ip, `user:${pending.userId}`),
          },
          this.audit.eventFor(
            pending.userId,
            'account.registered',
            { policy_version: pending.policyVersion, ...input.connect },
            pending.ip,
          ),
        );
        await this.totpSuggestion.registered(pending.userId, Date.now(), tx);
        return this.sessions.open(
          {
            userId: pending.userId,
            amr: ['pwd'],
            deviceName: input.device_name,
            ip: pending.ip,
            kitUnconfirmed: true,
          },
          { tx },
        );
      })
      .catch((error: unknown) => {
        // The address was registered meanwhile (unique lookup): never overwrite an account.
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', 409, { cause: error });
        throw error;
      });
    return tokens;
  }
}
