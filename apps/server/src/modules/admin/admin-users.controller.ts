import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyReply } from 'fastify';
import {
  adminAuditPageSchema,
  adminAuditQuerySchema,
  adminUserQuerySchema,
  adminUserSchema,
  endedSessionsSchema,
  lockUserSchema,
  memberExportSchema,
} from '@cardcoop/contracts';
import type { MemberExport } from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentActor } from './admin-actor.js';
import type { AdminActor } from './admin-actor.js';
import { AdminUsersService } from './admin-users.service.js';

class AdminUserDto extends createZodDto(adminUserSchema) {}
class AdminUserQueryDto extends createZodDto(adminUserQuerySchema) {}
class LockUserDto extends createZodDto(lockUserSchema) {}
class EndedSessionsDto extends createZodDto(endedSessionsSchema) {}
class AdminAuditQueryDto extends createZodDto(adminAuditQuerySchema) {}
class AdminAuditPageDto extends createZodDto(adminAuditPageSchema) {}
class MemberExportDto extends createZodDto(memberExportSchema) {}

/** Members, for the platform admin: found by exact e-mail only, never listed. */
@ApiTags('admin')
@Policy('admin.users.write')
@Controller('admin/users')
export class AdminUsersController {
  constructor(@Inject(AdminUsersService) private readonly users: AdminUsersService) {}

  /** The member with exactly this e-mail (matched by its HMAC lookup), or 404. */
  @Get()
  @Policy('admin.users.read')
  @ApiOperation({ summary: 'Admin: find a member by e-mail' })
  @ApiOkResponse({ type: AdminUserDto })
  find(@Query() query: AdminUserQueryDto): Promise<AdminUserDto> {
    return this.users.findByEmail(query.email);
  }

  @Get(':userId')
  @Policy('admin.users.read')
  @ApiOperation({ summary: 'Admin: one member' })
  @ApiOkResponse({ type: AdminUserDto })
  get(@Param('userId', ParseUUIDPipe) userId: string): Promise<AdminUserDto> {
    return this.users.get(userId);
  }

  /** Ends every session and refuses sign-in until unlocked; 409 when already locked. */
  @Post(':userId/lock')
  @ApiOperation({ summary: 'Admin: lock a member’s account' })
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserDto })
  lock(
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: LockUserDto,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<AdminUserDto> {
    return this.users.lock(userId, body.reason, actor, ip);
  }

  @Post(':userId/unlock')
  @ApiOperation({ summary: 'Admin: unlock a member’s account' })
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserDto })
  unlock(
    @Param('userId', ParseUUIDPipe) userId: string,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<AdminUserDto> {
    return this.users.unlock(userId, actor, ip);
  }

  @Post(':userId/end-sessions')
  @ApiOperation({ summary: 'Admin: end every session of a member' })
  @HttpCode(200)
  @ApiOkResponse({ type: EndedSessionsDto })
  async endSessions(
    @Param('userId', ParseUUIDPipe) userId: string,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<EndedSessionsDto> {
    return { ended: await this.users.endSessions(userId, actor, ip) };
  }

  @Get(':userId/audit')
  @Policy('admin.users.read')
  @ApiOperation({ summary: 'Admin: a member’s audit events, newest first' })
  @ApiOkResponse({ type: AdminAuditPageDto })
  audit(
    @Param('userId', ParseUUIDPipe) userId: string,
    @Query() query: AdminAuditQueryDto,
  ): Promise<AdminAuditPageDto> {
    return this.users.auditOf(userId, query);
  }

  /** The member's server-side records (a GDPR / 152-ФЗ request), as a JSON file; audited. */
  @Get(':userId/export')
  @Policy('admin.users.export')
  @ApiOperation({ summary: 'Admin: export a member’s server-side records' })
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: MemberExportDto })
  async export(
    @Param('userId', ParseUUIDPipe) userId: string,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MemberExport> {
    const records = await this.users.export(userId, actor, ip);
    reply.header('Content-Disposition', `attachment; filename="cardcoop-member-${userId}.json"`);
    return records;
  }
}
