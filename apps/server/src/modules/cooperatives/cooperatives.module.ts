import { Module } from '@nestjs/common';
import { CooperativesRepository } from './cooperatives.repository.js';
import { CooperativesService } from './cooperatives.service.js';

@Module({
  providers: [CooperativesRepository, CooperativesService],
  exports: [CooperativesService],
})
export class CooperativesModule {}
