import { Body, Controller, Delete, Get, HttpCode, Inject, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  pushDeviceListSchema,
  pushKeySchema,
  pushSubscriptionInputSchema,
  pushUnsubscribeSchema,
} from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { PushSubscriptions } from './push-subscriptions.service.js';
import { Policy } from '../authz/policy.decorator.js';

class PushKeyDto extends createZodDto(pushKeySchema) {}
class PushSubscriptionDto extends createZodDto(pushSubscriptionInputSchema) {}
class PushUnsubscribeDto extends createZodDto(pushUnsubscribeSchema) {}
class PushDeviceListDto extends createZodDto(pushDeviceListSchema) {}

/** Web push on the member's browsers: the server's key, subscribe, unsubscribe, the list. */
@ApiTags('notifications')
@Policy('member')
@Controller('notifications/push')
export class PushController {
  constructor(@Inject(PushSubscriptions) private readonly subscriptions: PushSubscriptions) {}

  /** The VAPID public key (`applicationServerKey`); `null` when push is off on this server. */
  @Get('key')
  @ApiOperation({ summary: 'The web push (VAPID) public key' })
  @ApiOkResponse({ type: PushKeyDto })
  key(): PushKeyDto {
    return { public_key: this.subscriptions.publicKey() };
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'The member’s browsers subscribed to web push' })
  @ApiOkResponse({ type: PushDeviceListDto })
  devices(@CurrentMember() member: Member): Promise<PushDeviceListDto> {
    return this.subscriptions.devices(member.userId);
  }

  /**
   * Registers this browser's subscription (again is the same). 422 VALIDATION_FAILED when the
   * endpoint is not on a known push service.
   */
  @Post('subscriptions')
  @ApiOperation({ summary: 'Subscribe this browser to web push' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiServiceUnavailableResponse({ description: 'SERVICE_UNAVAILABLE: push is off here' })
  async subscribe(
    @CurrentMember() member: Member,
    @Body() body: PushSubscriptionDto,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.subscriptions.subscribe(member.userId, body, ip);
  }

  /** Forgets the subscription of the endpoint in the body (never in the URL, which is logged). */
  @Delete('subscriptions')
  @ApiOperation({ summary: 'Unsubscribe a browser from web push' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async unsubscribe(
    @CurrentMember() member: Member,
    @Body() body: PushUnsubscribeDto,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.subscriptions.unsubscribe(member.userId, body.endpoint, ip);
  }
}
