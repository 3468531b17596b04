import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AccessController } from './access.controller.js';
import { AccessService } from './access.service.js';

/** Sharing card data with cooperatives by consent. */
@Module({
  imports: [SessionsModule, CardModule, CooperativesModule],
  controllers: [AccessController],
  providers: [AccessService],
})
export class AccessModule {}
