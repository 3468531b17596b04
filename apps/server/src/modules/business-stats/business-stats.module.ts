import { Module } from '@nestjs/common';
import { BusinessStatsController } from './business-stats.controller.js';
import { BusinessStatsRepository } from './business-stats.repository.js';
import { BusinessStatsService } from './business-stats.service.js';

/** The business panel's statistics: counts of a cooperative's audited events. */
@Module({
  controllers: [BusinessStatsController],
  providers: [BusinessStatsService, BusinessStatsRepository],
})
export class BusinessStatsModule {}
