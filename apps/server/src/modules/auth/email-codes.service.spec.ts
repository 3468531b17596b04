import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock, Random } from '../../infra/clock/clock.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import type { MailService } from '../mail/mail.service.js';
import type { AccountsRepository } from './accounts.repository.js';
import type { AuthLimits } from './auth-limits.js';
import type { ChallengeRow, EmailChallengesRepository } from './email-challenges.repository.js';
import { EmailCodesService } from './email-codes.service.js';

// The rules of mailed codes, on a fixed clock and fixed randomness, without a database: the
// repository below keeps rows in memory with the same contract (its SQL is tested end to end).

const T0 = Date.UTC(2026, 11, 4, 12, 0, 0);

class MemoryChallenges {
  rows: ChallengeRow[] = [];
  constructor(private readonly clock: Clock) {}
  async latest(emailLookup: string, purpose: string) {
    return this.rows
      .filter((row) => row.emailLookup === emailLookup && row.purpose === purpose)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  }
  async create(challenge: Omit<ChallengeRow, 'attempts' | 'createdAt' | 'consumedAt'>) {
    const row = {
      ...challenge,
      attempts: 0,
      createdAt: new Date(this.clock.now()),
      consumedAt: null,
    } as ChallengeRow;
    this.rows.push(row);
    return row;
  }
  async find(id: string) {
    return this.rows.find((row) => row.id === id);
  }
  async reserveAttempt(id: string, max: number) {
    const row = this.rows.find((r) => r.id === id);
    if (!row || row.consumedAt || row.attempts >= max) return undefined;
    if (row.expiresAt.getTime() <= this.clock.now()) return undefined;
    row.attempts += 1;
    return { ...row };
  }
  async consume(id: string) {
    const row = this.rows.find((r) => r.id === id);
    if (!row || row.consumedAt) return false;
    row.consumedAt = new Date(this.clock.now());
    return true;
  }
}

describe('EmailCodesService rules', () => {
  let now: number;
  let challenges: MemoryChallenges;
  let codes: EmailCodesService;
  let sent: { to: string | null; template: { kind: string; code?: string } }[];
  let nextInt: number;
  const clock: Clock = { now: () => now };
  const random: Random = {
    bytes: (n) => randomBytes(n),
    int: () => nextInt,
    uuid: () => `00000000-0000-4000-8000-${String(sent.length).padStart(12, '0')}`,
  };
  const crypto = new ServerCrypto([{ kid: 'k1', key: new Uint8Array(32).fill(7) }]);

  beforeEach(() => {
    now = T0;
    nextInt = 4271;
    sent = [];
    challenges = new MemoryChallenges(clock);
    const accounts = { existsByEmailLookups: async () => true } as unknown as AccountsRepository;
    const mail = {
      send: async (to: string | null, template: { kind: string; code?: string }) =>
        void sent.push({ to, template }),
    } as unknown as MailService;
    const limits = { hit: async () => {} } as unknown as AuthLimits;
    codes = new EmailCodesService(
      challenges as unknown as EmailChallengesRepository,
      accounts,
      crypto,
      mail,
      limits,
      clock,
      random,
    );
  });

  const mailRecoveryCode = () =>
    codes.mailCode({
      purpose: 'recovery',
      email: 'Anna@Coop.example',
      ip: '1.2.3.4',
      locale: 'ru',
    });
  const lookup = () => crypto.lookup('email', 'anna@coop.example');

  it('mails a six-digit code, zero-padded, valid for 10 minutes', async () => {
    await mailRecoveryCode();
    expect(sent[0]).toMatchObject({
      to: 'anna@coop.example',
      template: { kind: 'code', code: '004271' },
    });
    expect(challenges.rows[0]!.expiresAt.getTime()).toBe(T0 + 600_000);
  });

  it('refuses a new code within 60 s, saying how long to wait, and allows it at 60 s', async () => {
    await mailRecoveryCode();
    now = T0 + 45_000;
    await expect(mailRecoveryCode()).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      headers: { 'Retry-After': '15' },
    });
    now = T0 + 60_000;
    await expect(mailRecoveryCode()).resolves.toMatchObject({ status: 'code_sent' });
  });

  it('accepts the right code until it expires, then says it expired', async () => {
    await mailRecoveryCode();
    now = T0 + 599_000;
    await expect(codes.check('recovery', lookup(), '004271')).resolves.toMatchObject({
      attempts: 1,
    });
    now = T0 + 600_000;
    await expect(codes.check('recovery', lookup(), '004271')).rejects.toMatchObject({
      code: 'CODE_EXPIRED',
    });
  });

  it('locks after the fifth wrong guess, the right code included, until a new code may be asked for', async () => {
    await mailRecoveryCode();
    for (let i = 0; i < 4; i += 1)
      await expect(codes.check('recovery', lookup(), '000000')).rejects.toMatchObject({
        code: 'INVALID_CODE',
      });
    now = T0 + 20_000;
    await expect(codes.check('recovery', lookup(), '000000')).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      headers: { 'Retry-After': '40' },
    });
    await expect(codes.check('recovery', lookup(), '004271')).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
  });

  it('uses a code once', async () => {
    await mailRecoveryCode();
    const challenge = await codes.check('recovery', lookup(), '004271');
    await codes.consume(challenge);
    await expect(codes.consume(challenge)).rejects.toMatchObject({ code: 'INVALID_CODE' });
    await expect(codes.check('recovery', lookup(), '004271')).rejects.toMatchObject({
      code: 'INVALID_CODE',
    });
  });

  it('queues a decoy for an address without an account: the same work, no mail', async () => {
    const none = { existsByEmailLookups: async () => false } as unknown as AccountsRepository;
    const decoys = new EmailCodesService(
      challenges as unknown as EmailChallengesRepository,
      none,
      crypto,
      {
        send: async (to: string | null) => void sent.push({ to, template: { kind: 'code' } }),
      } as unknown as MailService,
      { hit: async () => {} } as unknown as AuthLimits,
      clock,
      random,
    );
    await decoys.mailCode({
      purpose: 'deletion',
      email: 'ghost@coop.example',
      ip: '1.2.3.4',
      locale: 'en',
    });
    expect(sent).toEqual([{ to: null, template: { kind: 'code' } }]);
    expect(challenges.rows).toHaveLength(1);
  });
});
