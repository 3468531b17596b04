import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CoopApiModule } from '../coop-api/coop-api.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { IntegrationController } from './integration.controller.js';
import { IntegrationService } from './integration.service.js';
import { LogoController } from './logo.controller.js';
import { LogosModule } from './logos.module.js';

/** A cooperative's integration settings in the business panel, and its public logo. */
@Module({
  imports: [CooperativesModule, CoopApiModule, AuditModule, LogosModule],
  controllers: [IntegrationController, LogoController],
  providers: [IntegrationService],
})
export class IntegrationModule {}
