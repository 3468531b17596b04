import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { AuditCheckpointService } from './audit-checkpoint.service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

@Module({
  imports: [TokensModule],
  providers: [AuditRepository, AuditService, AuditCheckpointService],
  exports: [AuditService, AuditCheckpointService],
})
export class AuditModule {}
