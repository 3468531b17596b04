import { Module } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { BuiltinMembershipProvider } from './builtin-membership.provider.js';
import { ChainMembershipProvider } from './chain-membership.provider.js';
import { MEMBERSHIP_PROVIDER } from './membership.provider.js';
import { MembershipsRepository } from './memberships.repository.js';

/** Membership checks: the chain when CHAIN_RPC_URL is set, the built-in registry otherwise. */
@Module({
  providers: [
    MembershipsRepository,
    {
      provide: MEMBERSHIP_PROVIDER,
      inject: [CONFIG, CACHE, MembershipsRepository],
      useFactory: (config: Config, cache: Cache, memberships: MembershipsRepository) =>
        config.chain.rpcUrl
          ? new ChainMembershipProvider(config.chain.rpcUrl, cache)
          : new BuiltinMembershipProvider(memberships),
    },
  ],
  exports: [MEMBERSHIP_PROVIDER, MembershipsRepository],
})
export class MembershipModule {}
