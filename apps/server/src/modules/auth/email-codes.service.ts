import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CodeSent } from '@cardcoop/contracts';
import { AppError, tooManyRequests } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { CLOCK, RANDOM } from '../../infra/clock/clock.js';
import type { Clock, Random } from '../../infra/clock/clock.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { MailService } from '../mail/mail.service.js';
import { AccountsRepository } from './accounts.repository.js';
import { AuthLimits } from './auth-limits.js';
import { EmailChallengesRepository } from './email-challenges.repository.js';
import type { ChallengePurpose, ChallengeRow } from './email-challenges.repository.js';

export const CODE_TTL_SECONDS = 600;
export const RESEND_AFTER_SECONDS = 60;
export const MAX_CODE_ATTEMPTS = 5;

/** The one answer to every "send me a code" request, whoever owns the address. */
export function codeSent(): CodeSent {
  return {
    status: 'code_sent',
    expires_in_seconds: CODE_TTL_SECONDS,
    resend_after_seconds: RESEND_AFTER_SECONDS,
  };
}

export interface MailCodeInput {
  purpose: 'registration' | 'recovery' | 'deletion';
  email: string;
  ip: string;
  locale: Locale;
  data?: Record<string, unknown>;
}

const codeHash = (challengeId: string, code: string) =>
  createHash('sha256').update(`${challengeId}:${code}`).digest('base64url');

/** A locked challenge: a new code may be asked for once the resend wait is over. */
function locked(challenge: ChallengeRow, now: number): AppError {
  const age = (now - challenge.createdAt.getTime()) / 1000;
  return tooManyRequests('TOO_MANY_ATTEMPTS', RESEND_AFTER_SECONDS - age);
}

/** Why a challenge takes no more guesses. */
function refusal(challenge: ChallengeRow, now: number): AppError {
  if (challenge.consumedAt) return new AppError('INVALID_CODE', 422);
  if (challenge.expiresAt.getTime() > now && challenge.attempts >= MAX_CODE_ATTEMPTS)
    return locked(challenge, now);
  return new AppError('CODE_EXPIRED', 422);
}

/**
 * Six-digit codes mailed to an address: 10 minutes, 5 guesses, a new one no sooner than 60 s.
 * Only a hash of the code is stored.
 */
@Injectable()
export class EmailCodesService {
  constructor(
    @Inject(EmailChallengesRepository) private readonly challenges: EmailChallengesRepository,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(AuthLimits) private readonly limits: AuthLimits,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  /**
   * Mails a code without revealing whether the address has an account: the answer, the limits
   * and the stored challenge are the same either way. A registration code for a taken address
   * becomes a warning to its owner; a recovery or deletion code goes only to an account.
   */
  async mailCode({ purpose, email: rawEmail, ip, locale, data }: MailCodeInput): Promise<CodeSent> {
    const email = normalizeEmail(rawEmail);
    const emailLookup = this.crypto.lookup('email', email);
    await this.limits.hit('codesPerIp', ip);
    await this.limits.hit('codesPerEmail', emailLookup);
    const code = await this.issue(purpose, emailLookup, data);
    const account = await this.accounts.existsByEmailLookups(this.crypto.lookups('email', email));
    const codeMail = { kind: 'code', code, purpose, minutes: CODE_TTL_SECONDS / 60 } as const;
    if (purpose === 'registration') {
      await this.mail.send(
        email,
        account ? { kind: 'someone-tried-to-register' } : codeMail,
        locale,
      );
    } else {
      // A decoy without an account: the same work, so the answer's timing tells nothing.
      await this.mail.send(account ? email : null, codeMail, locale);
    }
    return codeSent();
  }

  /** Stores a new challenge and returns its code; refuses a resend inside the wait. */
  async issue(
    purpose: ChallengePurpose,
    emailLookup: string,
    data: Record<string, unknown> = {},
  ): Promise<string> {
    const previous = await this.challenges.latest(emailLookup, purpose);
    const now = this.clock.now();
    const waited = previous ? (now - previous.createdAt.getTime()) / 1000 : Infinity;
    if (waited < RESEND_AFTER_SECONDS)
      throw tooManyRequests('RATE_LIMITED', RESEND_AFTER_SECONDS - waited);
    const code = String(this.random.int(1_000_000)).padStart(6, '0');
    const id = this.random.uuid();
    await this.challenges.create({
      id,
      purpose,
      emailLookup,
      codeHash: codeHash(id, code),
      data,
      expiresAt: new Date(now + CODE_TTL_SECONDS * 1000),
    });
    return code;
  }

  /**
   * The live challenge whose code this is. Every check spends one of its 5 guesses, reserved
   * atomically before the comparison (so parallel guesses cannot outrun the lock) and not given
   * back on success; a fifth wrong guess locks the challenge. The challenge is not consumed:
   * call `consume` once everything else has been checked too.
   */
  async check(purpose: ChallengePurpose, emailLookup: string, code: string): Promise<ChallengeRow> {
    const latest = await this.challenges.latest(emailLookup, purpose);
    if (!latest) throw new AppError('INVALID_CODE', 422);
    const challenge = await this.challenges.reserveAttempt(latest.id, MAX_CODE_ATTEMPTS);
    if (!challenge)
      throw refusal((await this.challenges.find(latest.id)) ?? latest, this.clock.now());
    const expected = Buffer.from(challenge.codeHash);
    const given = Buffer.from(codeHash(challenge.id, code));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      this.failAttempt(challenge, 'INVALID_CODE');
    }
    return challenge;
  }

  /**
   * The guess `check` reserved failed after all (a wrong code, or the right code with a wrong
   * recovery key): it has already been counted; the fifth locks the challenge.
   */
  failAttempt(challenge: ChallengeRow, code: 'INVALID_CODE' | 'INVALID_RECOVERY_KEY'): never {
    if (challenge.attempts >= MAX_CODE_ATTEMPTS) throw locked(challenge, this.clock.now());
    throw new AppError(code, 422);
  }

  /** Uses the challenge up; a second concurrent use is refused. */
  async consume(challenge: ChallengeRow): Promise<void> {
    if (!(await this.challenges.consume(challenge.id))) throw new AppError('INVALID_CODE', 422);
  }
}
