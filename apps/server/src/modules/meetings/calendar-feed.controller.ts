import { Controller, Delete, Get, Header, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { calendarFeedSchema } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { ClientIp } from '../../common/http/request-params.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { CalendarFeedsService, FEED_PATH } from './calendar-feeds.service.js';
import { FEED_TTL_SECONDS } from './meetings-calendar.js';
import { Policy } from '../authz/policy.decorator.js';

class CalendarFeedDto extends createZodDto(calendarFeedSchema) {}

/** `<43 base64url characters of the token>.ics`. */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

/** The member's secret calendar URL: created or rotated (shown once), and revoked. */
@ApiTags('meetings')
@Policy('member')
@Controller('meetings/calendar-feed')
export class CalendarFeedController {
  constructor(@Inject(CalendarFeedsService) private readonly feeds: CalendarFeedsService) {}

  /** A new secret URL for calendars to subscribe to; the previous one, if any, stops working. */
  @Post()
  @ApiOperation({ summary: 'A new secret calendar feed URL' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: CalendarFeedDto })
  rotate(@CurrentMember() member: Member, @ClientIp() ip: string): Promise<CalendarFeedDto> {
    return this.feeds.rotate(member.userId, ip);
  }

  /** Ends the feed: its URL answers 404 from now on. */
  @Delete()
  @ApiOperation({ summary: 'End the calendar feed' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(@CurrentMember() member: Member, @ClientIp() ip: string): Promise<void> {
    await this.feeds.revoke(member.userId, ip);
  }
}

/**
 * The feed itself, public: the secret URL is the credential (calendar apps send no session).
 * 404 for an unknown or revoked token.
 */
@ApiTags('meetings')
@Policy('public')
@Controller(FEED_PATH)
export class CalendarController {
  constructor(@Inject(CalendarFeedsService) private readonly feeds: CalendarFeedsService) {}

  @Get(':file')
  @ApiOperation({ summary: 'The iCal feed (by its secret URL)' })
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', `private, max-age=${FEED_TTL_SECONDS}`)
  @ApiOkResponse({
    description: 'The iCalendar (RFC 5545) feed of the member’s meetings',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  feed(@Param('file') file: string): Promise<string> {
    const token = FEED_FILE.exec(file)?.[1];
    if (!token) throw new AppError('NOT_FOUND', 404);
    return this.feeds.render(token);
  }
}
