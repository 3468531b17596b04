import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  coopAttendanceSchema,
  coopMeetingListQuerySchema,
  coopMeetingListSchema,
  coopMeetingSchema,
  meetingInputSchema,
} from '@cardcoop/contracts';
import { CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { ExternalIdPipe } from './meeting-params.js';
import { MeetingsService } from './meetings.service.js';
import { Policy } from '../authz/policy.decorator.js';

class MeetingInputDto extends createZodDto(meetingInputSchema) {}
class CoopMeetingDto extends createZodDto(coopMeetingSchema) {}
class CoopMeetingListQueryDto extends createZodDto(coopMeetingListQuerySchema) {}
class CoopMeetingListDto extends createZodDto(coopMeetingListSchema) {}
class CoopAttendanceDto extends createZodDto(coopAttendanceSchema) {}

/**
 * A cooperative publishes its general meetings and events under its own ids, and sees who of its
 * members answered. It can touch only its own meetings: another's id is simply not found.
 */
@ApiTags('cooperative API')
@Policy('coop-api')
@Controller('coop/meetings')
export class CoopMeetingsController {
  constructor(@Inject(MeetingsService) private readonly meetings: MeetingsService) {}

  /**
   * Creates or updates the meeting with this id (idempotent: the same body again changes
   * nothing and answers the same; another body is a new revision). Publishing a cancelled
   * meeting again restores it.
   */
  @Put(':external_id')
  @ApiOperation({ summary: 'Cooperative: publish (create or update) a meeting' })
  @ApiOkResponse({ type: CoopMeetingDto })
  publish(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param('external_id', ExternalIdPipe) externalId: string,
    @Body() body: MeetingInputDto,
  ): Promise<CoopMeetingDto> {
    return this.meetings.publish(cooperative.coopname, externalId, body);
  }

  /** Cancels the meeting: members still see it, marked cancelled (so do their calendars). */
  @Delete(':external_id')
  @ApiOperation({ summary: 'Cooperative: cancel a meeting' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancel(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param('external_id', ExternalIdPipe) externalId: string,
  ): Promise<void> {
    await this.meetings.cancel(cooperative.coopname, externalId);
  }

  /** The cooperative's meetings, latest start first, a page at a time (`after` = `next`). */
  @Get()
  @ApiOperation({ summary: 'Cooperative: its meetings' })
  @ApiOkResponse({ type: CoopMeetingListDto })
  list(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Query() query: CoopMeetingListQueryDto,
  ): Promise<CoopMeetingListDto> {
    return this.meetings.listOfCooperative(cooperative.coopname, query);
  }

  /** The answers so far: counts, and the usernames of the members who gave them. */
  @Get(':external_id/attendance')
  @ApiOperation({ summary: 'Cooperative: the answers to a meeting' })
  @ApiOkResponse({ type: CoopAttendanceDto })
  attendance(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param('external_id', ExternalIdPipe) externalId: string,
  ): Promise<CoopAttendanceDto> {
    return this.meetings.attendance(cooperative.coopname, externalId);
  }
}
