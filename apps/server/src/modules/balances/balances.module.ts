import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CardModule } from '../card/card.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { MemberEventsModule } from '../realtime/member-events.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { BALANCE_PROVIDER } from './balance.provider.js';
import { BalancesController } from './balances.controller.js';
import { BalancesRepository } from './balances.repository.js';
import { BalancesService } from './balances.service.js';
import { CoopBalancesController } from './coop-balances.controller.js';
import { PushedBalanceProvider } from './pushed-balance.provider.js';

/** Members' balances per cooperative: pushed by the cooperatives, shown to confirmed members. */
@Module({
  imports: [
    SessionsModule,
    AuditModule,
    CardModule,
    CooperativesModule,
    MembershipModule,
    MemberEventsModule,
    NotificationsModule,
  ],
  controllers: [BalancesController, CoopBalancesController],
  providers: [
    BalancesRepository,
    BalancesService,
    {
      provide: BALANCE_PROVIDER,
      inject: [BalancesRepository],
      useFactory: (balances: BalancesRepository) => new PushedBalanceProvider(balances),
    },
  ],
  exports: [BALANCE_PROVIDER, BalancesService],
})
export class BalancesModule {}
