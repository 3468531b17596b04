import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  meetingListQuerySchema,
  meetingListSchema,
  meetingSchema,
  setAttendanceSchema,
} from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { MeetingIdPipe } from './meeting-params.js';
import { MeetingsService } from './meetings.service.js';
import { Policy } from '../authz/policy.decorator.js';

class MeetingListQueryDto extends createZodDto(meetingListQuerySchema) {}
class MeetingListDto extends createZodDto(meetingListSchema) {}
class MeetingDto extends createZodDto(meetingSchema) {}
class SetAttendanceDto extends createZodDto(setAttendanceSchema) {}

/**
 * Meetings and events of the cooperatives where the member has an open account with a confirmed
 * membership; any other meeting is not found.
 */
@ApiTags('meetings')
@Policy('member')
@Controller('meetings')
export class MeetingsController {
  constructor(@Inject(MeetingsService) private readonly meetings: MeetingsService) {}

  /** Upcoming (default), past or all; `from`/`to` narrow it to a span (a calendar month). */
  @Get()
  @ApiOperation({ summary: 'Meetings of the member’s cooperatives' })
  @ApiOkResponse({ type: MeetingListDto })
  list(
    @CurrentMember() member: Member,
    @Query() query: MeetingListQueryDto,
  ): Promise<MeetingListDto> {
    return this.meetings.listForMember(member.userId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One meeting' })
  @ApiOkResponse({ type: MeetingDto })
  get(
    @CurrentMember() member: Member,
    @Param('id', MeetingIdPipe) id: string,
  ): Promise<MeetingDto> {
    return this.meetings.getForMember(member.userId, id);
  }

  /**
   * The member's answer (going, not going, maybe), replacing an earlier one; 409
   * ATTENDANCE_CLOSED after the registration deadline (or the start), or once cancelled.
   */
  @Put(':id/attendance')
  @ApiOperation({ summary: 'The member’s answer to a meeting' })
  @ApiOkResponse({ type: MeetingDto })
  setAttendance(
    @CurrentMember() member: Member,
    @Param('id', MeetingIdPipe) id: string,
    @Body() body: SetAttendanceDto,
    @ClientIp() ip: string,
  ): Promise<MeetingDto> {
    return this.meetings.setAttendance(member.userId, id, body.answer, ip);
  }
}
