import { z } from 'zod';

/**
 * Where the real-time channel listens (Socket.IO over WebSocket only: no long-polling, so
 * no sticky sessions are needed behind a load balancer). The access token goes in the
 * handshake's `auth.token`; events arrive as `MEMBER_EVENT_NAME` messages.
 */
export const REALTIME_PATH = '/api/v1/realtime';
export const MEMBER_EVENT_NAME = 'member-event';

/**
 * Sent just before the server closes a socket itself for a reason the client can cure: the
 * handshake's access token reached its `exp` (`TOKEN_EXPIRED`), so the client reconnects with a
 * fresh token. A close without it (a revoked session) is final.
 */
export const REALTIME_CLOSING_EVENT = 'closing';
export const realtimeClosingSchema = z.object({ code: z.literal('TOKEN_EXPIRED') });
export type RealtimeClosing = z.infer<typeof realtimeClosingSchema>;

/**
 * What the server pushes to a member's open tabs over the real-time channel (one room per
 * member). Events name what changed, never personal data: the tab re-reads what it shows.
 */
export const memberEventSchema = z.discriminatedUnion('type', [
  /** A new notification in the member's centre (its id; the tab lists the centre again). */
  z.object({ type: z.literal('notification'), notification_id: z.string() }),
  /** A session ended: the tab holding it signs out at once. */
  z.object({ type: z.literal('session.revoked'), session_id: z.string() }),
  /** A cooperative read the member's shared data, or the member's grant ended. */
  z.object({ type: z.literal('grant.read'), coopname: z.string() }),
  /** The member shared data with a cooperative (consent given, on any device). */
  z.object({ type: z.literal('grant.shared'), coopname: z.string() }),
  z.object({ type: z.literal('grant.revoked'), coopname: z.string() }),
  /** The card was saved (on another device, perhaps): an open card reloads. */
  z.object({ type: z.literal('card.changed'), revision: z.number().int() }),
  /** A cooperative pushed new balances for one of the member's accounts. */
  z.object({ type: z.literal('balance.changed'), coopname: z.string() }),
]);
export type MemberEvent = z.infer<typeof memberEventSchema>;
