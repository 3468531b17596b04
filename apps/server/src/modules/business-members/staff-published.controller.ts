import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  coopAttendanceSchema,
  coopMeetingListQuerySchema,
  coopMeetingListSchema,
  paymentDetailsSchema,
  paymentRequestListSchema,
  paymentRequestsQuerySchema,
} from '@cardcoop/contracts';
import type { StaffContext } from '../authz/policy.guard.js';
import { Policy } from '../authz/policy.decorator.js';
import { ActingStaff } from '../business-stats/acting-staff.js';
import { PaymentRequestsService } from '../contributions/payment-requests.service.js';
import { ExternalIdPipe } from '../meetings/meeting-params.js';
import { MeetingsService } from '../meetings/meetings.service.js';

class CoopMeetingListQueryDto extends createZodDto(coopMeetingListQuerySchema) {}
class CoopMeetingListDto extends createZodDto(coopMeetingListSchema) {}
class CoopAttendanceDto extends createZodDto(coopAttendanceSchema) {}
class PaymentRequestsQueryDto extends createZodDto(paymentRequestsQuerySchema) {}
class PaymentRequestListDto extends createZodDto(paymentRequestListSchema) {}
class PaymentDetailsDto extends createZodDto(paymentDetailsSchema) {}

/**
 * What the cooperative published — by hand or over its API — as its staff (viewers too) read
 * it: the very service calls, queries, pages and answers of the cooperative API's reads
 * (`GET /coop/meetings`, `/coop/meetings/:id/attendance`, `/coop/payment-requests`), and the
 * bank details members pay to.
 */
@ApiTags('business panel')
@Policy('members.read')
@Controller('business/cooperatives/:coopname')
export class StaffPublishedController {
  constructor(
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
    @Inject(PaymentRequestsService) private readonly requests: PaymentRequestsService,
  ) {}

  /** The cooperative's meetings, latest start first, a page at a time (`after` = `next`). */
  @Get('meetings')
  @ApiOperation({ summary: 'Business panel: the cooperative’s meetings' })
  @ApiOkResponse({ type: CoopMeetingListDto })
  listMeetings(
    @ActingStaff() staff: StaffContext,
    @Query() query: CoopMeetingListQueryDto,
  ): Promise<CoopMeetingListDto> {
    return this.meetings.listOfCooperative(staff.coopname, query);
  }

  /** The answers to a meeting so far: counts, and the usernames of the members who gave them. */
  @Get('meetings/:external_id/attendance')
  @ApiOperation({ summary: 'Business panel: the answers to a meeting' })
  @ApiOkResponse({ type: CoopAttendanceDto })
  meetingAttendance(
    @ActingStaff() staff: StaffContext,
    @Param('external_id', ExternalIdPipe) externalId: string,
  ): Promise<CoopAttendanceDto> {
    return this.meetings.attendance(staff.coopname, externalId);
  }

  /** The cooperative's payment requests, oldest first, a page at a time (`after` = `next`). */
  @Get('payment-requests')
  @ApiOperation({ summary: 'Business panel: the cooperative’s payment requests' })
  @ApiOkResponse({ type: PaymentRequestListDto })
  listPaymentRequests(
    @ActingStaff() staff: StaffContext,
    @Query() query: PaymentRequestsQueryDto,
  ): Promise<PaymentRequestListDto> {
    return this.requests.list(staff.coopname, query);
  }

  /** The bank details members pay to; 404 `NOT_FOUND` before they are set. */
  @Get('payment-details')
  @ApiOperation({ summary: 'Business panel: the bank details members pay to' })
  @ApiOkResponse({ type: PaymentDetailsDto })
  paymentDetails(@ActingStaff() staff: StaffContext): Promise<PaymentDetailsDto> {
    return this.requests.getDetails(staff.coopname);
  }
}
