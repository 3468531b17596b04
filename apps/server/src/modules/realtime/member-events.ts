import { Inject, Injectable } from '@nestjs/common';
import { memberEventSchema } from '@cardcoop/contracts';
import type { MemberEvent } from '@cardcoop/contracts';
import { z } from 'zod';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';

/** The cache channel every node listens on; each node delivers to the sockets it holds. */
export const MEMBER_EVENTS_CHANNEL = 'member-events';

/** A member event as it crosses between nodes (checked again on arrival). */
export const routedMemberEventSchema = z.object({ userId: z.string(), event: memberEventSchema });
export type RoutedMemberEvent = z.infer<typeof routedMemberEventSchema>;

/**
 * Tells a member's open tabs, on whichever node they are connected, that something changed.
 * Call it after the change committed; delivery is best effort (a tab that misses an event
 * still shows the truth on its next read), so a failure to publish never fails the request.
 */
@Injectable()
export class MemberEvents {
  constructor(@Inject(CACHE) private readonly cache: Cache) {}

  publish(userId: string, event: MemberEvent): void {
    const routed: RoutedMemberEvent = { userId, event };
    this.cache.publish(MEMBER_EVENTS_CHANNEL, JSON.stringify(routed)).catch(() => undefined);
  }
}
