import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { ConnectionTestController } from './connection-test.controller.js';
import { ConnectionTestRepository } from './connection-test.repository.js';
import { ConnectionTestService } from './connection-test.service.js';
import { HttpReachabilityProbe, REACHABILITY_PROBE } from './reachability.js';

/** "Test connection" in the business panel. */
@Module({
  imports: [CooperativesModule, MembershipModule],
  controllers: [ConnectionTestController],
  providers: [
    ConnectionTestRepository,
    ConnectionTestService,
    { provide: REACHABILITY_PROBE, useClass: HttpReachabilityProbe },
  ],
})
export class ConnectionTestModule {}
