import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { ConnectionTestController } from './connection-test.controller.js';
import { ConnectionTestRepository } from './connection-test.repository.js';
import { ConnectionTestService } from './connection-test.service.js';
import { LiveShareRunner } from './live-share.js';
import { HttpReachabilityProbe, REACHABILITY_PROBE } from './reachability.js';

/** "Test connection" in the business panel. */
@Module({
  imports: [CooperativesModule, MembershipModule, AccessModule, AuditModule],
  controllers: [ConnectionTestController],
  providers: [
    ConnectionTestRepository,
    ConnectionTestService,
    LiveShareRunner,
    { provide: REACHABILITY_PROBE, useClass: HttpReachabilityProbe },
  ],
})
export class ConnectionTestModule {}
