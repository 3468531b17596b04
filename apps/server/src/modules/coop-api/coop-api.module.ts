import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CardModule } from '../card/card.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CoopClosedAccountsController } from './coop-closed-accounts.controller.js';
import { CoopDataKeyController } from './coop-data-key.controller.js';
import { CoopMembershipsController } from './coop-memberships.controller.js';
import { DataKeyService } from './data-key.service.js';
import { MembershipChangesService } from './membership-changes.service.js';

/** Endpoints a cooperative's server calls with its client credentials. */
@Module({
  imports: [AuditModule, CardModule, CooperativesModule, MembershipModule, NotificationsModule],
  controllers: [CoopMembershipsController, CoopDataKeyController, CoopClosedAccountsController],
  providers: [DataKeyService, MembershipChangesService],
  // The business panel publishes data keys with the same checks.
  exports: [DataKeyService, MembershipChangesService],
})
export class CoopApiModule {}
