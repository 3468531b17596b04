import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Put,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { platformStaffListSchema, setPlatformRoleSchema } from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentActor } from './admin-actor.js';
import type { AdminActor } from './admin-actor.js';
import { PlatformStaffService } from './platform-staff.service.js';

class PlatformStaffListDto extends createZodDto(platformStaffListSchema) {}
class SetPlatformRoleDto extends createZodDto(setPlatformRoleSchema) {}

/** Who works for the platform (operator reviewers, platform admins). */
@ApiTags('admin')
@Policy('admin.staff.write')
@Controller('admin/staff')
export class PlatformStaffController {
  constructor(@Inject(PlatformStaffService) private readonly staff: PlatformStaffService) {}

  @Get()
  @Policy('admin.staff.read')
  @ApiOperation({ summary: 'Admin: the platform’s staff and their roles' })
  @ApiOkResponse({ type: PlatformStaffListDto })
  list(): Promise<PlatformStaffListDto> {
    return this.staff.list();
  }

  /** Gives a member a platform role or changes it; 409 LAST_PLATFORM_ADMIN for the last admin. */
  @Put(':userId')
  @ApiOperation({ summary: 'Admin: give a member a platform role' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async set(
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: SetPlatformRoleDto,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.staff.set(userId, body.role, actor, ip);
  }

  /** Takes the role away; the last platform admin's is refused (409 LAST_PLATFORM_ADMIN). */
  @Delete(':userId')
  @ApiOperation({ summary: 'Admin: take a member’s platform role away' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(
    @Param('userId', ParseUUIDPipe) userId: string,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.staff.remove(userId, actor, ip);
  }
}
