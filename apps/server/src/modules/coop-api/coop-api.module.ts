import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { CoopDataKeyController } from './coop-data-key.controller.js';
import { CoopMembershipsController } from './coop-memberships.controller.js';

/** Endpoints a cooperative's server calls with its client credentials. */
@Module({
  imports: [CooperativesModule, MembershipModule],
  controllers: [CoopMembershipsController, CoopDataKeyController],
})
export class CoopApiModule {}
