import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock, Random } from '../../infra/clock/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CardAccountsService } from '../card/card-accounts.service.js';
import type {
  CooperativeRow,
  CooperativesRepository,
} from '../cooperatives/cooperatives.repository.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { MemberEvents } from '../realtime/member-events.js';
import type { TokenService } from '../tokens/token.service.js';
import type { AccessService } from './access.service.js';
import type { GrantsRepository, TicketRow } from './grants.repository.js';
import { SharingService } from './sharing.service.js';
import type { TestSharesRepository } from './test-shares.repository.js';
import { TestSharesService } from './test-shares.service.js';

// The ticket exchange's rules on a fixed clock, without a database (the repository's single
// statements are tested end to end in test/e2e/sharing.spec.ts).

const T0 = Date.UTC(2026, 11, 4, 12, 0, 0);
const b64 = (text: string) => createHash('sha256').update(text).digest('base64url');
const VERIFIER = 'v'.repeat(43);
const REDIRECT = 'https://voskhod.example/callback';
const cooperative = { coopname: 'voskhod', clientSecretHash: 'hash' } as CooperativeRow;

describe('SharingService.exchange rules', () => {
  let now: number;
  let ticket: TicketRow;
  let redeemed: string[];
  let bumped: string[];
  let redeemWins: boolean;
  let service: SharingService;

  beforeEach(() => {
    now = T0;
    redeemed = [];
    bumped = [];
    redeemWins = true;
    ticket = {
      hash: b64('the ticket'),
      grantId: 'grant-1',
      coopname: 'voskhod',
      redirectUri: REDIRECT,
      codeChallenge: b64(VERIFIER),
      expiresAt: new Date(T0 + 120_000),
      redeemedAt: null,
    };
    const grants = {
      ticket: async (hash: string) => (hash === ticket.hash ? ticket : undefined),
      redeem: async (hash: string) => {
        redeemed.push(hash);
        return redeemWins;
      },
      bumpGeneration: async (id: string) => void bumped.push(id),
      find: async () => ({
        id: 'grant-1',
        username: 'annaivanova1',
        generation: 3,
        userId: 'u1',
        revokedAt: null,
      }),
    } as unknown as GrantsRepository;
    const tokens = { sign: async () => 'coop-token' } as unknown as TokenService;
    const clock: Clock = { now: () => now };
    service = new SharingService(
      {} as AccessService,
      {} as CardAccountsService,
      grants,
      tokens,
      {} as AuditService,
      {} as CooperativesRepository,
      clock,
      {} as Random,
      {} as MemberEvents,
      {} as NotificationService,
      // No test share holds these tickets either.
      new TestSharesService(
        { byTicket: async () => undefined } as unknown as TestSharesRepository,
        tokens,
        clock,
      ),
    );
  });

  const exchange = (
    overrides: Partial<{ ticket: string; code_verifier: string; redirect_uri: string }> = {},
    coop = cooperative,
  ) =>
    service.exchange(coop, {
      ticket: 'the ticket',
      code_verifier: VERIFIER,
      redirect_uri: REDIRECT,
      ...overrides,
    });

  it('gives a token for the right ticket, verifier and redirect URI before expiry, redeeming it once', async () => {
    now = T0 + 119_999;
    await expect(exchange()).resolves.toMatchObject({
      access_token: 'coop-token',
      username: 'annaivanova1',
    });
    expect(redeemed).toEqual([ticket.hash]);
    expect(bumped).toEqual([]);
  });

  it('refuses at the moment of expiry, without redeeming', async () => {
    now = T0 + 120_000;
    await expect(exchange()).rejects.toMatchObject({ code: 'INVALID_GRANT' });
    expect(redeemed).toEqual([]);
  });

  it('refuses another verifier or redirect URI, and another cooperative’s ticket, without burning it', async () => {
    await expect(exchange({ code_verifier: 'w'.repeat(43) })).rejects.toMatchObject({
      code: 'INVALID_GRANT',
    });
    await expect(exchange({ redirect_uri: `${REDIRECT}/x` })).rejects.toMatchObject({
      code: 'INVALID_GRANT',
    });
    await expect(exchange({}, { ...cooperative, coopname: 'othercoop' })).rejects.toMatchObject({
      code: 'INVALID_GRANT',
    });
    expect(redeemed).toEqual([]);
    expect(bumped).toEqual([]);
  });

  it('burns the grant’s tokens when a redeemed ticket comes back, or a concurrent exchange won', async () => {
    ticket.redeemedAt = new Date(T0);
    await expect(exchange()).rejects.toMatchObject({ code: 'INVALID_GRANT' });
    expect(bumped).toEqual(['grant-1']);
    ticket.redeemedAt = null;
    redeemWins = false;
    await expect(exchange()).rejects.toMatchObject({ code: 'INVALID_GRANT' });
    expect(bumped).toEqual(['grant-1', 'grant-1']);
  });
});
