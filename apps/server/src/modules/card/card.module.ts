import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { CardController } from './card.controller.js';
import { CardRepository } from './card.repository.js';
import { CardService } from './card.service.js';

/** The member's encrypted card. */
@Module({
  imports: [SessionsModule, AuditModule],
  controllers: [CardController],
  providers: [CardRepository, CardService],
})
export class CardModule {}
