import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MemberEventsModule } from '../realtime/member-events.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { SessionCache } from './session-cache.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [TokensModule, AuditModule, MemberEventsModule],
  controllers: [SessionsController],
  providers: [SessionCache, SessionsRepository, SessionsService],
  exports: [SessionCache, SessionsService],
})
export class SessionsModule {}
