import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  coopMeetingSchema,
  meetingInputSchema,
  paymentConfirmationSchema,
  paymentRequestInputSchema,
  paymentRequestParamsSchema,
  paymentRequestSchema,
} from '@cardcoop/contracts';
import type { AuditData } from '../audit/audit-hash.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffContext } from '../authz/policy.guard.js';
import { Policy } from '../authz/policy.decorator.js';
import { ActingStaff } from '../business-stats/acting-staff.js';
import { PaymentRequestsService } from '../contributions/payment-requests.service.js';
import { ExternalIdPipe } from '../meetings/meeting-params.js';
import { MeetingsService } from '../meetings/meetings.service.js';

class MeetingInputDto extends createZodDto(meetingInputSchema) {}
class CoopMeetingDto extends createZodDto(coopMeetingSchema) {}
class PaymentRequestInputDto extends createZodDto(paymentRequestInputSchema) {}
class PaymentRequestParamsDto extends createZodDto(paymentRequestParamsSchema) {}
class PaymentConfirmationDto extends createZodDto(paymentConfirmationSchema) {}
class PaymentRequestDto extends createZodDto(paymentRequestSchema) {}

/**
 * Meetings and payment requests published by hand, for cooperatives without their own system:
 * the very service calls of the cooperative API (`/coop/meetings`, `/coop/payment-requests`),
 * under the same ids and rules, each audited in the acting staff member's own chain.
 */
@ApiTags('business panel')
@Policy('members.change')
@Controller('business/cooperatives/:coopname')
export class StaffPublishingController {
  constructor(
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
    @Inject(PaymentRequestsService) private readonly requests: PaymentRequestsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private async record(staff: StaffContext, type: string, data: AuditData): Promise<void> {
    await this.audit.record(staff.member.userId, type, { coopname: staff.coopname, ...data });
  }

  @Put('meetings/:external_id')
  @ApiOperation({ summary: 'Business panel: publish (create or update) a meeting' })
  @ApiOkResponse({ type: CoopMeetingDto })
  async publishMeeting(
    @ActingStaff() staff: StaffContext,
    @Param('external_id', ExternalIdPipe) externalId: string,
    @Body() body: MeetingInputDto,
  ): Promise<CoopMeetingDto> {
    const meeting = await this.meetings.publish(staff.coopname, externalId, body);
    await this.record(staff, 'staff.meeting.published', { external_id: externalId });
    return meeting;
  }

  @Delete('meetings/:external_id')
  @ApiOperation({ summary: 'Business panel: cancel a meeting' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancelMeeting(
    @ActingStaff() staff: StaffContext,
    @Param('external_id', ExternalIdPipe) externalId: string,
  ): Promise<void> {
    await this.meetings.cancel(staff.coopname, externalId);
    await this.record(staff, 'staff.meeting.cancelled', { external_id: externalId });
  }

  @Put('payment-requests/:external_id')
  @ApiOperation({ summary: 'Business panel: create or change a payment request' })
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentRequestDto })
  async issuePaymentRequest(
    @ActingStaff() staff: StaffContext,
    @Param() params: PaymentRequestParamsDto,
    @Body() body: PaymentRequestInputDto,
  ): Promise<PaymentRequestDto> {
    const { request } = await this.requests.issue(staff.coopname, params.external_id, body);
    await this.record(staff, 'staff.payment_request.issued', { external_id: params.external_id });
    return request;
  }

  @Delete('payment-requests/:external_id')
  @ApiOperation({ summary: 'Business panel: cancel a payment request' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancelPaymentRequest(
    @ActingStaff() staff: StaffContext,
    @Param() params: PaymentRequestParamsDto,
  ): Promise<void> {
    await this.requests.cancel(staff.coopname, params.external_id);
    await this.record(staff, 'staff.payment_request.cancelled', {
      external_id: params.external_id,
    });
  }

  @Post('payment-requests/:external_id/confirm')
  @ApiOperation({ summary: 'Business panel: confirm a payment arrived' })
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentRequestDto })
  async confirmPayment(
    @ActingStaff() staff: StaffContext,
    @Param() params: PaymentRequestParamsDto,
    @Body() body: PaymentConfirmationDto,
  ): Promise<PaymentRequestDto> {
    const request = await this.requests.confirm(staff.coopname, params.external_id, body);
    await this.record(staff, 'staff.payment.confirmed', { external_id: params.external_id });
    return request;
  }
}
