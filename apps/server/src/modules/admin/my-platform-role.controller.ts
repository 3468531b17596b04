import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { myPlatformRoleSchema } from '@cardcoop/contracts';
import { Policy } from '../authz/policy.decorator.js';
import { RolesRepository } from '../authz/roles.repository.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';

class MyPlatformRoleDto extends createZodDto(myPlatformRoleSchema) {}

/** Any member may ask whether they work for the platform (the app then offers `/admin`). */
@ApiTags('admin')
@Controller('admin/my-role')
export class MyPlatformRoleController {
  constructor(@Inject(RolesRepository) private readonly roles: RolesRepository) {}

  @Get()
  @Policy('member')
  @ApiOperation({ summary: 'The signed-in member’s own platform role, or null' })
  @ApiOkResponse({ type: MyPlatformRoleDto })
  async get(@CurrentMember() member: Member): Promise<MyPlatformRoleDto> {
    return { role: (await this.roles.platformRole(member.userId)) ?? null };
  }
}
