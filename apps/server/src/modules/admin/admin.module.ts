import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { AdminCooperativesController } from './admin-cooperatives.controller.js';
import { AdminGuard } from './admin.guard.js';

/** The platform admin's API (`/api/v1/admin`), behind ADMIN_API_KEY. */
@Module({
  imports: [CooperativesModule],
  controllers: [AdminCooperativesController],
  providers: [AdminGuard],
})
export class AdminModule {}
