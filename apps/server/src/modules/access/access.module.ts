import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CardModule } from '../card/card.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { LogosModule } from '../integration/logos.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { MemberEventsModule } from '../realtime/member-events.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { AccessController } from './access.controller.js';
import { AccessService } from './access.service.js';
import { ConnectController } from './connect.controller.js';
import { CoopAccessController } from './coop-access.controller.js';
import { GrantsRepository } from './grants.repository.js';
import { ReadNotices } from './read-notices.js';
import { ReadNoticesRepository } from './read-notices.repository.js';
import { SharingService } from './sharing.service.js';
import { TestSharesRepository } from './test-shares.repository.js';
import { TestSharesService } from './test-shares.service.js';

/** Sharing card data with cooperatives by consent: tickets, cooperative tokens, revocation. */
@Module({
  imports: [
    SessionsModule,
    CardModule,
    CooperativesModule,
    MembershipModule,
    TokensModule,
    AuditModule,
    NotificationsModule,
    MemberEventsModule,
    LogosModule,
  ],
  controllers: [AccessController, CoopAccessController, ConnectController],
  providers: [
    AccessService,
    SharingService,
    GrantsRepository,
    ReadNotices,
    ReadNoticesRepository,
    TestSharesRepository,
    TestSharesService,
  ],
  exports: [SharingService, TestSharesRepository],
})
export class AccessModule {}
