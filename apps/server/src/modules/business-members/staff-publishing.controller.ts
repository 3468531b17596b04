import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  coopMeetingSchema,
  meetingInputSchema,
  paymentConfirmationSchema,
  paymentDetailsSchema,
  paymentRequestInputSchema,
  paymentRequestParamsSchema,
  paymentRequestSchema,
} from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import type { ActorEvent } from '../audit/actor-event.repository.js';
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
class PaymentDetailsDto extends createZodDto(paymentDetailsSchema) {}

/**
 * Meetings and payment requests published by hand, for cooperatives without their own system:
 * the very service calls of the cooperative API (`/coop/meetings`, `/coop/payment-requests`),
 * under the same ids and rules. Each change is audited in the acting staff member's own chain,
 * the event committed in the transaction of the change (a call that changes nothing records
 * nothing). What is published is read through `StaffPublishedController`.
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

  /** The staff member's event of the change, for the service to commit with it. */
  private actor(staff: StaffContext, type: string, ip: string, data: AuditData = {}): ActorEvent {
    const subjectId = staff.member.userId;
    return {
      subjectId,
      event: this.audit.eventFor(subjectId, type, { coopname: staff.coopname, ...data }, ip),
    };
  }

  /** The same bank details as the cooperative API's `PUT /coop/payment-details`. */
  @Put('payment-details')
  @ApiOperation({ summary: 'Business panel: set the bank details members pay to' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async setPaymentDetails(
    @ActingStaff() staff: StaffContext,
    @Body() body: PaymentDetailsDto,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.requests.setDetails(
      staff.coopname,
      body,
      this.actor(staff, 'staff.payment_details.set', ip),
    );
  }

  @Put('meetings/:external_id')
  @ApiOperation({ summary: 'Business panel: publish (create or update) a meeting' })
  @ApiOkResponse({ type: CoopMeetingDto })
  async publishMeeting(
    @ActingStaff() staff: StaffContext,
    @Param('external_id', ExternalIdPipe) externalId: string,
    @Body() body: MeetingInputDto,
    @ClientIp() ip: string,
  ): Promise<CoopMeetingDto> {
    return this.meetings.publish(
      staff.coopname,
      externalId,
      body,
      this.actor(staff, 'staff.meeting.published', ip, { external_id: externalId }),
    );
  }

  @Delete('meetings/:external_id')
  @ApiOperation({ summary: 'Business panel: cancel a meeting' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancelMeeting(
    @ActingStaff() staff: StaffContext,
    @Param('external_id', ExternalIdPipe) externalId: string,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.meetings.cancel(
      staff.coopname,
      externalId,
      this.actor(staff, 'staff.meeting.cancelled', ip, { external_id: externalId }),
    );
  }

  @Put('payment-requests/:external_id')
  @ApiOperation({ summary: 'Business panel: create or change a payment request' })
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentRequestDto })
  async issuePaymentRequest(
    @ActingStaff() staff: StaffContext,
    @Param() params: PaymentRequestParamsDto,
    @Body() body: PaymentRequestInputDto,
    @ClientIp() ip: string,
  ): Promise<PaymentRequestDto> {
    const { request } = await this.requests.issue(
      staff.coopname,
      params.external_id,
      body,
      this.actor(staff, 'staff.payment_request.issued', ip, { external_id: params.external_id }),
    );
    return request;
  }

  @Delete('payment-requests/:external_id')
  @ApiOperation({ summary: 'Business panel: cancel a payment request' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancelPaymentRequest(
    @ActingStaff() staff: StaffContext,
    @Param() params: PaymentRequestParamsDto,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.requests.cancel(
      staff.coopname,
      params.external_id,
      this.actor(staff, 'staff.payment_request.cancelled', ip, {
        external_id: params.external_id,
      }),
    );
  }

  @Post('payment-requests/:external_id/confirm')
  @ApiOperation({ summary: 'Business panel: confirm a payment arrived' })
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentRequestDto })
  async confirmPayment(
    @ActingStaff() staff: StaffContext,
    @Param() params: PaymentRequestParamsDto,
    @Body() body: PaymentConfirmationDto,
    @ClientIp() ip: string,
  ): Promise<PaymentRequestDto> {
    return this.requests.confirm(
      staff.coopname,
      params.external_id,
      body,
      this.actor(staff, 'staff.payment.confirmed', ip, { external_id: params.external_id }),
    );
  }
}
