import {
  BUSINESS_STATS_EVENT,
  SUBSCRIBE_COOPERATIVE_EVENT,
  antelopeNameSchema,
} from '@cardcoop/contracts';
import type { BusinessStatsEvent, MemberEvent, SubscribeCooperativeAck } from '@cardcoop/contracts';
import type { Server, Socket } from 'socket.io';
import type { RolesRepository } from '../authz/roles.repository.js';

/** The room of a cooperative's staff sockets (its business panel's live counters). */
export const cooperativeRoom = (coopname: string) => `cooperative:${coopname}`;

const KINDS: Partial<Record<MemberEvent['type'], BusinessStatsEvent['kind']>> = {
  'grant.shared': 'consent',
  'grant.read': 'read',
  'grant.revoked': 'revoke',
};

/**
 * A staff socket asks for a cooperative's live counters (`subscribe-cooperative`, the coopname):
 * it joins the cooperative's room if its member holds a role there (owner, admin, viewer).
 */
export function answerCooperativeSubscriptions(
  socket: Socket,
  userId: string,
  roles: RolesRepository,
): void {
  socket.on(SUBSCRIBE_COOPERATIVE_EVENT, (coopname: unknown, ack: unknown) => {
    const reply = (answer: SubscribeCooperativeAck) => {
      if (typeof ack === 'function') (ack as (answer: SubscribeCooperativeAck) => void)(answer);
    };
    const name = antelopeNameSchema.safeParse(coopname);
    if (!name.success) return reply({ ok: false, code: 'VALIDATION_FAILED' });
    roles.cooperativeRole(name.data, userId).then(
      async (role) => {
        if (!role) return reply({ ok: false, code: 'FORBIDDEN' });
        await socket.join(cooperativeRoom(name.data));
        reply({ ok: true });
      },
      () => reply({ ok: false, code: 'SERVICE_UNAVAILABLE' }),
    );
  });
}

/** A member's event that a cooperative's staff count too: `business.stats` to its room. */
export function tellCooperative(io: Server, event: MemberEvent): void {
  const kind = KINDS[event.type];
  if (!kind || !('coopname' in event)) return;
  const stats: BusinessStatsEvent = { coopname: event.coopname, kind };
  io.to(cooperativeRoom(event.coopname)).emit(BUSINESS_STATS_EVENT, stats);
}
