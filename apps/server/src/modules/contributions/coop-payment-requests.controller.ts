import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  paymentConfirmationSchema,
  paymentDetailsSchema,
  paymentRequestInputSchema,
  paymentRequestListSchema,
  paymentRequestParamsSchema,
  paymentRequestSchema,
  paymentRequestsQuerySchema,
} from '@cardcoop/contracts';
import { CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { PaymentRequestsService } from './payment-requests.service.js';
import { Policy } from '../authz/policy.decorator.js';

class PaymentDetailsDto extends createZodDto(paymentDetailsSchema) {}
class PaymentRequestInputDto extends createZodDto(paymentRequestInputSchema) {}
class PaymentRequestParamsDto extends createZodDto(paymentRequestParamsSchema) {}
class PaymentConfirmationDto extends createZodDto(paymentConfirmationSchema) {}
class PaymentRequestDto extends createZodDto(paymentRequestSchema) {}
class PaymentRequestsQueryDto extends createZodDto(paymentRequestsQuerySchema) {}
class PaymentRequestListDto extends createZodDto(paymentRequestListSchema) {}

/**
 * Contributions (паевые и членские взносы) on the cooperative's side: its bank details, payment
 * requests to the members of its own accounts, their cancellation and the confirmation of
 * payments. A cooperative sees and touches its own requests only (ids are its own, per
 * cooperative).
 */
@ApiTags('cooperative API')
@Policy('coop-api')
@Controller('coop')
export class CoopPaymentRequestsController {
  constructor(@Inject(PaymentRequestsService) private readonly requests: PaymentRequestsService) {}

  /** Sets the bank details members pay to (checked: INN, KPP, BIK and both accounts' keys). */
  @Put('payment-details')
  @ApiOperation({ summary: 'Cooperative: set the bank details members pay to' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async setDetails(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Body() body: PaymentDetailsDto,
  ): Promise<void> {
    await this.requests.setDetails(cooperative.coopname, body);
  }

  /**
   * Creates the payment request `external_id`, or changes it while it is still requested; the
   * same body again is the same answer. 409 `COOPERATIVE_NOT_READY` before the payment details
   * are set; 404 when the username is no open account of this cooperative.
   */
  @Put('payment-requests/:external_id')
  @ApiOperation({ summary: 'Cooperative: create or change a payment request' })
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentRequestDto })
  async issue(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param() params: PaymentRequestParamsDto,
    @Body() body: PaymentRequestInputDto,
  ): Promise<PaymentRequestDto> {
    return (await this.requests.issue(cooperative.coopname, params.external_id, body)).request;
  }

  /** Cancels a request still to be paid (idempotent); 409 once it is paid. */
  @Delete('payment-requests/:external_id')
  @ApiOperation({ summary: 'Cooperative: cancel a payment request' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancel(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param() params: PaymentRequestParamsDto,
  ): Promise<void> {
    await this.requests.cancel(cooperative.coopname, params.external_id);
  }

  /**
   * The payment arrived: idempotent by `payment_id` (the same body again, the same answer);
   * 409 for another payment of a paid request; 422 for a sum other than the one requested.
   */
  @Post('payment-requests/:external_id/confirm')
  @ApiOperation({ summary: 'Cooperative: confirm a payment arrived' })
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentRequestDto })
  confirm(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param() params: PaymentRequestParamsDto,
    @Body() body: PaymentConfirmationDto,
  ): Promise<PaymentRequestDto> {
    return this.requests.confirm(cooperative.coopname, params.external_id, body);
  }

  /** The cooperative's requests, oldest first, a page at a time (keyset: `after` = `next`). */
  @Get('payment-requests')
  @ApiOperation({ summary: 'Cooperative: its payment requests' })
  @ApiOkResponse({ type: PaymentRequestListDto })
  list(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Query() query: PaymentRequestsQueryDto,
  ): Promise<PaymentRequestListDto> {
    return this.requests.list(cooperative.coopname, query);
  }
}
