import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CalendarFeed } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarFeedsRepository } from './calendar-feeds.repository.js';
import { meetingsCalendar } from './meetings-calendar.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';

/** The path of a feed under the API prefix; the token is 43 base64url characters. */
export const FEED_PATH = 'calendar';

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Each member's secret calendar URL: a 256-bit token, shown once; only its SHA-256 is kept, so a
 * database reader cannot subscribe to anyone's calendar. Rotating replaces it, revoking ends it.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @Inject(CalendarFeedsRepository) private readonly feeds: CalendarFeedsRepository,
    @Inject(MeetingsRepository) private readonly meetings: MeetingsRepository,
    @Inject(MeetingsService) private readonly members: MeetingsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** A new secret URL for the member's feed; any previous one stops working. */
  async rotate(userId: string, ip: string): Promise<CalendarFeed> {
    const token = randomBytes(32).toString('base64url');
    await this.feeds.put(
      userId,
      hashOf(token),
      this.audit.eventFor(userId, 'calendar_feed.created', {}, ip),
    );
    return { url: `${this.config.publicUrl}/api/v1/${FEED_PATH}/${token}.ics` };
  }

  /** Ends the member's feed; 404 when there is none. */
  async revoke(userId: string, ip: string): Promise<void> {
    const deleted = await this.feeds.delete(
      userId,
      this.audit.eventFor(userId, 'calendar_feed.revoked', {}, ip),
    );
    if (!deleted) throw new AppError('NOT_FOUND', 404);
  }

  /** The iCalendar text of the feed with this token; 404 for an unknown or revoked one. */
  async render(token: string): Promise<string> {
    const userId = await this.feeds.userOf(hashOf(token));
    if (!userId) throw new AppError('NOT_FOUND', 404);
    const coopnames = [...(await this.members.confirmedAccounts(userId)).keys()];
    return meetingsCalendar(await this.meetings.allOf(coopnames));
  }
}
