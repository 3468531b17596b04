import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { MemberEventsModule } from '../realtime/member-events.module.js';
import { CardAccountsRepository } from './card-accounts.repository.js';
import { CardAccountsService } from './card-accounts.service.js';
import { CardSchemaController } from './card-schema.controller.js';
import { CardController } from './card.controller.js';
import { CooperativesController } from './cooperatives.controller.js';
import { CardRepository } from './card.repository.js';
import { CardService } from './card.service.js';

/** The member's encrypted card. */
@Module({
  imports: [
    SessionsModule,
    AuditModule,
    CooperativesModule,
    MembershipModule,
    MemberEventsModule,
    NotificationsModule,
  ],
  controllers: [CardSchemaController, CardController, CooperativesController],
  providers: [CardRepository, CardService, CardAccountsRepository, CardAccountsService],
  exports: [CardService, CardAccountsService, CardAccountsRepository],
})
export class CardModule {}
