import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  createMaintenanceSchema,
  maintenanceAnnouncementSchema,
  maintenanceListSchema,
  updateMaintenanceSchema,
} from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentActor } from './admin-actor.js';
import type { AdminActor } from './admin-actor.js';
import { MaintenanceService } from './maintenance.service.js';

class MaintenanceAnnouncementDto extends createZodDto(maintenanceAnnouncementSchema) {}
class MaintenanceListDto extends createZodDto(maintenanceListSchema) {}
class CreateMaintenanceDto extends createZodDto(createMaintenanceSchema) {}
class UpdateMaintenanceDto extends createZodDto(updateMaintenanceSchema) {}

/** How long browsers and proxies may keep the public list. */
export const MAINTENANCE_MAX_AGE_SECONDS = 60;

/** Planned maintenance, for everyone: current and upcoming announcements. */
@ApiTags('maintenance')
@Policy('public')
@Controller('maintenance')
export class MaintenanceController {
  constructor(@Inject(MaintenanceService) private readonly maintenance: MaintenanceService) {}

  @Get()
  @ApiOperation({ summary: 'Planned maintenance: current and upcoming announcements' })
  @Header('Cache-Control', `public, max-age=${MAINTENANCE_MAX_AGE_SECONDS}`)
  @ApiOkResponse({ type: MaintenanceListDto })
  list(): Promise<MaintenanceListDto> {
    return this.maintenance.upcoming();
  }
}

/** Announcing, changing and withdrawing planned maintenance (platform admins). */
@ApiTags('admin')
@Policy('admin.maintenance.write')
@Controller('admin/maintenance')
export class AdminMaintenanceController {
  constructor(@Inject(MaintenanceService) private readonly maintenance: MaintenanceService) {}

  @Post()
  @ApiOperation({ summary: 'Admin: announce planned maintenance' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: MaintenanceAnnouncementDto })
  create(
    @Body() body: CreateMaintenanceDto,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<MaintenanceAnnouncementDto> {
    return this.maintenance.create(body, actor, ip);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Admin: change a maintenance announcement' })
  @ApiOkResponse({ type: MaintenanceAnnouncementDto })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateMaintenanceDto,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<MaintenanceAnnouncementDto> {
    return this.maintenance.update(id, body, actor, ip);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Admin: withdraw a maintenance announcement' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.maintenance.remove(id, actor, ip);
  }
}
