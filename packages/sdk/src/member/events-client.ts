import {
  BUSINESS_STATS_EVENT,
  businessStatsEventSchema,
  MEMBER_EVENT_NAME,
  memberEventSchema,
  REALTIME_CLOSING_EVENT,
  REALTIME_PATH,
  realtimeClosingSchema,
  SUBSCRIBE_COOPERATIVE_EVENT,
} from '@cardcoop/contracts';
import type { BusinessStatsEvent, MemberEvent } from '@cardcoop/contracts';
import type { Socket } from 'socket.io-client';
import type { MemberSessionManager } from '../session/manager.js';

/** Called with every event the server pushes to this member (already validated). */
export type MemberEventHandler = (event: MemberEvent) => void;

/** Options of the real-time channel (see {@link MemberEventsClient}). */
export interface MemberEventsOptions {
  /** The server; in a browser the page's own origin by default. */
  baseUrl?: string;
  /** First delay before reconnecting, doubled up to `reconnectDelayMaxMs` (1 s and 30 s). */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
}

/**
 * The member's real-time channel: one socket per session, opened on the first subscription
 * (the socket.io client is loaded only then) and closed with the last. It reconnects with
 * backoff and a fresh access token, and at once when the server closes it because the token
 * it was opened with expired; a token the server refuses is refreshed once per attempt, and a
 * refresh the server refuses ends the session as any request would.
 *
 * @example
 * ```ts
 * const stop = member.events.subscribe((event) => {
 *   if (event.type === 'card.changed') void reloadCard();
 * });
 * // later
 * stop();
 * ```
 */
export interface MemberEventsClient {
  /** Starts listening (if not yet); returns the function that stops this handler. */
  subscribe(handler: MemberEventHandler): () => void;
}

/** The server refused the token itself: a refresh may cure it, or end the session. */
const TOKEN_REFUSED = new Set([
  'TOKEN_EXPIRED',
  'INVALID_TOKEN',
  'SESSION_REVOKED',
  'UNAUTHORIZED',
]);

/** What a refused handshake's connect_error carries. */
interface Refusal {
  code?: string;
  /** Seconds to wait before the next handshake (RATE_LIMITED). */
  retry_after?: number;
}

/** Told of a cooperative's event its staff count live (`business.stats`). */
export type BusinessStatsHandler = (event: BusinessStatsEvent) => void;

class EventsChannel implements MemberEventsClient {
  readonly #handlers = new Set<MemberEventHandler>();
  /** Cooperatives whose live counters this session's staff member watches, and who listens. */
  readonly #cooperatives = new Map<string, Set<BusinessStatsHandler>>();
  #socket: Promise<Socket> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #attempts = 0;

  constructor(
    private readonly session: MemberSessionManager,
    private readonly options: MemberEventsOptions,
  ) {}

  subscribe(handler: MemberEventHandler): () => void {
    this.#handlers.add(handler);
    this.#ensureOpen();
    return () => {
      this.#handlers.delete(handler);
      this.#closeIfIdle();
    };
  }

  /**
   * Hears a cooperative's live counters (the member must hold a role there; the server refuses
   * others silently). Asked again at every (re)connection: rooms do not outlive a socket.
   */
  watchCooperative(coopname: string, handler: BusinessStatsHandler): () => void {
    const handlers = this.#cooperatives.get(coopname) ?? new Set<BusinessStatsHandler>();
    this.#cooperatives.set(coopname, handlers);
    handlers.add(handler);
    void this.#ensureOpen().then((socket) => {
      if (socket.connected) socket.emit(SUBSCRIBE_COOPERATIVE_EVENT, coopname, () => undefined);
    });
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0) this.#cooperatives.delete(coopname);
      this.#closeIfIdle();
    };
  }

  #ensureOpen(): Promise<Socket> {
    const baseUrl = this.options.baseUrl ?? globalThis.location?.origin;
    if (!baseUrl) throw new TypeError('member.events needs a baseUrl outside a browser.');
    return (this.#socket ??= this.#open(baseUrl));
  }

  #closeIfIdle(): void {
    if (this.#handlers.size === 0 && this.#cooperatives.size === 0) this.#close();
  }

  async #open(baseUrl: string): Promise<Socket> {
    const { io } = await import('socket.io-client');
    const socket = io(baseUrl, {
      path: REALTIME_PATH,
      // WebSocket only: long-polling would need sticky sessions across the server's nodes.
      transports: ['websocket'],
      reconnectionDelay: this.options.reconnectDelayMs ?? 1000,
      reconnectionDelayMax: this.options.reconnectDelayMaxMs ?? 30_000,
      // Asked at every (re)connection: the manager refreshes a token about to expire.
      auth: (send) => {
        this.session.accessToken().then(
          (token) => send({ token }),
          () => send({}),
        );
      },
    });
    socket.on(MEMBER_EVENT_NAME, (data: unknown) => {
      const event = memberEventSchema.safeParse(data);
      if (!event.success) return;
      for (const handler of [...this.#handlers]) handler(event.data);
    });
    // The server closes the socket when its handshake's token expires, saying so first: come
    // back at once, with a fresh token (`auth` asks the manager, which refreshes it).
    let tokenExpired = false;
    socket.on(REALTIME_CLOSING_EVENT, (data: unknown) => {
      tokenExpired = realtimeClosingSchema.safeParse(data).success;
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect' && tokenExpired) socket.connect();
    });
    socket.on('connect', () => {
      tokenExpired = false;
      this.#attempts = 0;
      for (const coopname of this.#cooperatives.keys()) {
        socket.emit(SUBSCRIBE_COOPERATIVE_EVENT, coopname, () => undefined);
      }
    });
    socket.on(BUSINESS_STATS_EVENT, (data: unknown) => {
      const event = businessStatsEventSchema.safeParse(data);
      if (!event.success) return;
      for (const handler of [...(this.#cooperatives.get(event.data.coopname) ?? [])]) {
        handler(event.data);
      }
    });
    socket.on('connect_error', (error: Error & { data?: Refusal }) => {
      // An active socket retries by itself; an inactive one was refused by the server.
      if (!socket.active) this.#refused(socket, error.data ?? {});
    });
    return socket;
  }

  #refused(socket: Socket, { code, retry_after: retryAfter = 0 }: Refusal): void {
    const again = () => {
      const base = this.options.reconnectDelayMs ?? 1000;
      const backoff = Math.min(
        base * 2 ** this.#attempts,
        this.options.reconnectDelayMaxMs ?? 30_000,
      );
      // Too many handshakes from this address (RATE_LIMITED): not before the server says.
      const delay = Math.max(backoff, retryAfter * 1000);
      this.#attempts += 1;
      this.#retry = setTimeout(() => socket.connect(), delay);
    };
    if (!code || !TOKEN_REFUSED.has(code)) return again();
    // Refused (the session is over): the manager clears it and tells onSessionEnded; stop here.
    this.session.refresh().then(again, () => undefined);
  }

  #close(): void {
    clearTimeout(this.#retry);
    const socket = this.#socket;
    this.#socket = undefined;
    void socket?.then((open) => open.close());
  }
}

const channels = new WeakMap<MemberSessionManager, EventsChannel>();

/** The real-time channel of a session: the same one for every client over this manager. */
export function createEventsClient(
  session: MemberSessionManager,
  options: MemberEventsOptions = {},
): MemberEventsClient {
  return channelOf(session, options);
}

/** The session's one channel, with what the business panel watches on it too. */
export function channelOf(
  session: MemberSessionManager,
  options: MemberEventsOptions = {},
): MemberEventsClient & Pick<EventsChannel, 'watchCooperative'> {
  let channel = channels.get(session);
  if (!channel) {
    channel = new EventsChannel(session, options);
    channels.set(session, channel);
  }
  return channel;
}
