import { Module } from '@nestjs/common';
import { CoopClientGuard } from './coop-client.guard.js';
import { CooperativesRepository } from './cooperatives.repository.js';
import { CooperativesService } from './cooperatives.service.js';

@Module({
  providers: [CooperativesRepository, CooperativesService, CoopClientGuard],
  // The guard is instantiated where it is used, so its repository travels with it.
  exports: [CooperativesService, CooperativesRepository, CoopClientGuard],
})
export class CooperativesModule {}
