import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { CoopDataKeyController } from './coop-data-key.controller.js';
import { CoopMembershipsController } from './coop-memberships.controller.js';
import { DataKeyService } from './data-key.service.js';

/** Endpoints a cooperative's server calls with its client credentials. */
@Module({
  imports: [CooperativesModule, MembershipModule],
  controllers: [CoopMembershipsController, CoopDataKeyController],
  providers: [DataKeyService],
})
export class CoopApiModule {}
