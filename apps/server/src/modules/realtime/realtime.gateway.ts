import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MEMBER_EVENT_NAME, REALTIME_CLOSING_EVENT, REALTIME_PATH } from '@cardcoop/contracts';
import type { ErrorCode, RealtimeClosing } from '@cardcoop/contracts';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { clientAddressOf } from '../../common/http/client-address.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { sharedCounter } from '../../infra/rate-limit/rate-limit.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { Member } from '../sessions/sessions.service.js';
import { RolesRepository } from '../authz/roles.repository.js';
import { answerCooperativeSubscriptions, tellCooperative } from './cooperative-rooms.js';
import { MEMBER_EVENTS_CHANNEL, routedMemberEventSchema } from './member-events.js';

/** What the handshake found: the token's member and when the token expires (ms). */
interface SocketData {
  member: Member;
  expiresAt: number;
}

const memberRoom = (userId: string) => `member:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** A refused handshake: the client sees `message` (and `data.code`) in its connect_error. */
function refusal(
  code: ErrorCode,
  details: { retry_after?: number } = {},
): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(code), { data: { code, ...details } });
}

function refusalFor(error: unknown): Error {
  if (error instanceof AppError && error.statusCode === 401) return refusal(error.code);
  return refusal('SERVICE_UNAVAILABLE');
}

/**
 * Socket.IO on the app's own HTTP server, WebSocket transport only. A socket is a member's
 * session: the handshake's access token is checked as the member guard checks it (the
 * session still live in the database), and the socket joins its member's and its session's
 * rooms; it is closed when that token expires (`closing` TOKEN_EXPIRED first). Each client
 * address may open `REALTIME_HANDSHAKES_PER_MINUTE` handshakes a minute, counted across nodes
 * before the token is checked. Every node listens once on the cache channel and delivers to
 * the sockets it holds, so an event published on any node reaches the member wherever the tab
 * is connected.
 */
@Injectable()
export class RealtimeGateway implements OnApplicationBootstrap, OnModuleDestroy {
  private io: Server | undefined;
  private stopListening: (() => Promise<void>) | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
  ) {}

  onApplicationBootstrap(): void {
    const io = new Server(this.adapterHost.httpAdapter.getHttpServer(), {
      path: REALTIME_PATH,
      transports: ['websocket'],
      serveClient: false,
      maxHttpBufferSize: 1024,
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const handshakes = sharedCounter(this.cache, 60_000, fastify.log);
    const addressOf = clientAddressOf(this.config.trustProxy);
    const { handshakesPerMinute } = this.config.realtime;
    io.use((socket, next) => {
      const { count, resetInMs } = handshakes.hit(`rate:realtime:${addressOf(socket.request)}`);
      if (count <= handshakesPerMinute) return next();
      next(refusal('RATE_LIMITED', { retry_after: Math.max(1, Math.ceil(resetInMs / 1000)) }));
    });
    io.use((socket, next) => {
      const token: unknown = socket.handshake.auth['token'];
      if (typeof token !== 'string' || !token) return next(refusal('UNAUTHORIZED'));
      this.sessions.authenticateUntil(token).then(
        (authenticated) => {
          Object.assign(socket.data as SocketData, authenticated);
          next();
        },
        (error: unknown) => next(refusalFor(error)),
      );
    });
    io.on('connection', (socket: Socket) => {
      const { member, expiresAt } = socket.data as SocketData;
      void socket.join([memberRoom(member.userId), sessionRoom(member.sessionId)]);
      answerCooperativeSubscriptions(socket, member.userId, this.roles);
      // The socket lives as long as its handshake's token: then the client comes back with a
      // fresh one (told why first, so that it does not take the close for a revoked session).
      const expiry = setTimeout(() => {
        const closing: RealtimeClosing = { code: 'TOKEN_EXPIRED' };
        socket.emit(REALTIME_CLOSING_EVENT, closing);
        socket.disconnect(true);
      }, expiresAt - Date.now());
      socket.once('disconnect', () => clearTimeout(expiry));
    });
    this.io = io;
    this.listen(0);
  }

  /**
   * Subscribes in the background: a node whose cache is away still starts and serves (its
   * sockets hear nothing until the subscription is made; retried with backoff up to 30 s).
   */
  private listen(attempt: number): void {
    this.cache
      .subscribe(MEMBER_EVENTS_CHANNEL, (message) => this.deliver(message))
      .then(
        (stop) => {
          if (this.io) this.stopListening = stop;
          // Shut down meanwhile: the cache may be closing too, so a failed unsubscribe is moot.
          else stop().catch(() => undefined);
        },
        () => {
          if (!this.io) return;
          const delay = Math.min(1000 * 2 ** attempt, 30_000);
          this.retry = setTimeout(() => this.listen(attempt + 1), delay);
        },
      );
  }

  private deliver(message: string): void {
    const io = this.io;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const routed = routedMemberEventSchema.safeParse(parsed);
    if (!io || !routed.success) return;
    const { userId, event } = routed.data;
    if (event.type !== 'session.revoked') {
      io.to(memberRoom(userId)).emit(MEMBER_EVENT_NAME, event);
      tellCooperative(io, event);
      return;
    }
    // Only the ended session's sockets hear it, then they are closed (the packet goes first).
    const room = io.to(sessionRoom(event.session_id));
    room.emit(MEMBER_EVENT_NAME, event);
    room.disconnectSockets(true);
  }

  /** Closes the sockets as a lost connection (clients reconnect, to another node). */
  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.retry);
    await this.stopListening?.().catch(() => undefined);
    this.io?.engine.close();
    this.io = undefined;
  }
}
