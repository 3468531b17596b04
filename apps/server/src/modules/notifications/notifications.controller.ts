import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  markedReadSchema,
  markNotificationsReadSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  unreadCountSchema,
} from '@cardcoop/contracts';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { NotificationsCentre } from './notifications-centre.js';
import { Policy } from '../authz/policy.decorator.js';

class NotificationListQueryDto extends createZodDto(notificationListQuerySchema) {}
class NotificationListDto extends createZodDto(notificationListSchema) {}
class MarkReadDto extends createZodDto(markNotificationsReadSchema) {}
class MarkedReadDto extends createZodDto(markedReadSchema) {}
class UnreadCountDto extends createZodDto(unreadCountSchema) {}
class NotificationPreferencesDto extends createZodDto(notificationPreferencesSchema) {}

/** The member's notification centre and their notification preferences. */
@ApiTags('notifications')
@Policy('member')
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NotificationsCentre) private readonly centre: NotificationsCentre) {}

  /** Newest first; filters by type, cooperative and unread; keyset pages via `next_cursor`. */
  @Get()
  @ApiOperation({ summary: 'The member’s notifications' })
  @ApiOkResponse({ type: NotificationListDto })
  list(
    @CurrentMember() member: Member,
    @Query() query: NotificationListQueryDto,
  ): Promise<NotificationListDto> {
    return this.centre.list(member.userId, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many notifications are unread' })
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentMember() member: Member): Promise<UnreadCountDto> {
    return { unread: await this.centre.unreadCount(member.userId) };
  }

  /** Marks the member's own notifications read; ids of others' are ignored. */
  @Post('read')
  @ApiOperation({ summary: 'Mark notifications read' })
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedReadDto })
  async markRead(
    @CurrentMember() member: Member,
    @Body() body: MarkReadDto,
  ): Promise<MarkedReadDto> {
    return { marked: await this.centre.markRead(member.userId, body.ids) };
  }

  @Post('read-all')
  @ApiOperation({ summary: 'Mark every notification read' })
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedReadDto })
  async markAllRead(@CurrentMember() member: Member): Promise<MarkedReadDto> {
    return { marked: await this.centre.markRead(member.userId) };
  }

  @Get('preferences')
  @ApiOperation({ summary: 'The member’s notification preferences' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  preferences(@CurrentMember() member: Member): Promise<NotificationPreferencesDto> {
    return this.centre.preferences(member.userId);
  }

  /** Replaces the preferences at `revision` (409 CONFLICT when stale). */
  @Put('preferences')
  @ApiOperation({ summary: 'Replace the notification preferences' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiUnprocessableEntityResponse({
    description: 'SECURITY_NOTICE_REQUIRED: a security notice switched off',
  })
  setPreferences(
    @CurrentMember() member: Member,
    @Body() body: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.centre.setPreferences(member.userId, body);
  }
}
