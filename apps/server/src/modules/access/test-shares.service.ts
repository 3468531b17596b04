import { Inject, Injectable } from '@nestjs/common';
import { TEST_MEMBER_USERNAME } from '@cardcoop/contracts';
import type { CoopToken, EncryptedData, exchangeTicketSchema } from '@cardcoop/contracts';
import type { z } from 'zod';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { clientSecretVersion } from '../cooperatives/client-secret-version.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { TokenService } from '../tokens/token.service.js';
import { TestSharesRepository } from './test-shares.repository.js';
import { invalidGrant, invalidToken, ticketBound } from './ticket-binding.js';

/** A test share's token lives as long as a grant's. */
const TEST_TOKEN_SECONDS = 900;

/**
 * The cooperative's side of a connection test's share: the same exchange and read a member's
 * share gets (bound ticket, single use, PKCE, client secret version), answered with `test: true`
 * and recorded on the test run instead of a grant — no audit event of a member, no statistics.
 */
@Injectable()
export class TestSharesService {
  constructor(
    @Inject(TestSharesRepository) private readonly shares: TestSharesRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Exchanges a ticket the grants do not know: a test share's, or nobody's (INVALID_GRANT). */
  async exchange(
    cooperative: CooperativeRow,
    hash: string,
    input: z.infer<typeof exchangeTicketSchema>,
  ): Promise<CoopToken> {
    const share = await this.shares.byTicket(hash);
    if (!share || share.coopname !== cooperative.coopname) throw invalidGrant();
    if (share.exchangedAt) {
      await this.shares.burn(share.id);
      throw invalidGrant();
    }
    if (!ticketBound(share, input, this.clock.now())) throw invalidGrant();
    if (!(await this.shares.redeem(share.id))) {
      await this.shares.burn(share.id);
      throw invalidGrant();
    }
    const accessToken = await this.tokens.sign(
      {
        sub: cooperative.coopname,
        sid: share.id,
        aud: 'coop',
        scope: `grant:${TEST_MEMBER_USERNAME}`,
        amr: ['client_secret', 'pkce'],
        gen: 0,
        csv: clientSecretVersion(cooperative.clientSecretHash),
        tst: true,
      },
      TEST_TOKEN_SECONDS,
    );
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: TEST_TOKEN_SECONDS,
      username: TEST_MEMBER_USERNAME,
      coopname: cooperative.coopname,
      test: true,
    };
  }

  /** The test share a test token names, while its cooperative and secret are current. */
  async read(id: string, coopname: string, secretVersion: string): Promise<EncryptedData> {
    const share = await this.shares.read(id, { coopname, secretVersion });
    if (!share) throw invalidToken();
    return {
      username: TEST_MEMBER_USERNAME,
      coopname,
      envelope: share.envelope,
      public_key: share.memberPublicKey,
      shared_at: share.createdAt.toISOString(),
      test: true,
    };
  }
}
