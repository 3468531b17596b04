import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { deletionCompletedSchema, pendingDeletionListSchema } from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentActor } from './admin-actor.js';
import type { AdminActor } from './admin-actor.js';
import { AdminUsersService } from './admin-users.service.js';

class PendingDeletionListDto extends createZodDto(pendingDeletionListSchema) {}
class DeletionCompletedDto extends createZodDto(deletionCompletedSchema) {}

/** Deletion requests ("I lost everything"): waiting their 72 hours, or carried out now. */
@ApiTags('admin')
@Policy('admin.deletions.read')
@Controller('admin/deletions')
export class AdminDeletionsController {
  constructor(@Inject(AdminUsersService) private readonly users: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: 'Admin: pending deletion requests' })
  @ApiOkResponse({ type: PendingDeletionListDto })
  list(): Promise<PendingDeletionListDto> {
    return this.users.pendingDeletions();
  }

  /** Deletes the account now, as the end of its 72 hours would; 404 when none is pending. */
  @Post(':userId/complete')
  @Policy('admin.deletions.complete')
  @ApiOperation({ summary: 'Admin: carry out a pending deletion now' })
  @HttpCode(200)
  @ApiOkResponse({ type: DeletionCompletedDto })
  complete(
    @Param('userId', ParseUUIDPipe) userId: string,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<DeletionCompletedDto> {
    return this.users.completeDeletion(userId, actor, ip);
  }
}
