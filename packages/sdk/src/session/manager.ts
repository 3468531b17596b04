import { tokenResponseSchema } from '@cardcoop/contracts';
import type { TokenResponse } from '@cardcoop/contracts';
import { AUTH_PATH, parseResponse } from '../auth/common.js';
import { CardCoopError } from '../errors.js';
import type { CardCoopErrorCode } from '../errors.js';
import type { HttpClient, RequestOptions } from '../http.js';
import { MemoryMemberSessionStore, storedSession } from './store.js';
import type { MemberSessionStore, StoredSession } from './store.js';

/** Default BroadcastChannel name of the cross-tab token hand-off. */
export const AUTH_CHANNEL_NAME = 'cardcoop-auth';
/** Default Web Locks name under which one tab at a time refreshes. */
export const REFRESH_LOCK_NAME = 'cardcoop-refresh';

/** A tab stuck holding the lock longer than this no longer blocks the others. */
const LOCK_WAIT_MS = 15_000;
const DEFAULT_HANDOFF_TIMEOUT_MS = 500;
const DEFAULT_REFRESH_MARGIN_SECONDS = 60;

/** Refresh answers that mean the session is over: the store is cleared and the tabs are told. */
const SESSION_OVER: readonly CardCoopErrorCode[] = ['SESSION_REVOKED', 'INVALID_TOKEN'];

/**
 * The part of the Web Locks API the session manager uses; `navigator.locks` fits it. Tests and
 * other runtimes can pass their own.
 *
 * @example
 * ```ts
 * const locks = navigator.locks as unknown as LockManagerLike;
 * await locks.request('cardcoop-refresh', {}, async () => refreshOnce());
 * ```
 */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

/**
 * How tabs of one browser share a session: one refreshes under a Web Lock, then hands the new
 * tokens to the others over a BroadcastChannel (both feature-detected).
 *
 * @example
 * ```ts
 * const crossTab: CrossTabOptions = { channelName: 'cardcoop-auth', lockName: 'cardcoop-refresh' };
 * ```
 */
export interface CrossTabOptions {
  /** BroadcastChannel name; {@link AUTH_CHANNEL_NAME} by default. */
  channelName?: string;
  /** Web Locks name; {@link REFRESH_LOCK_NAME} by default. */
  lockName?: string;
  /** The lock manager: `navigator.locks` when the platform has one; `false` for none. */
  locks?: LockManagerLike | false;
  /**
   * How long a tab that waited for another tab's refresh waits for its tokens before refreshing
   * itself (the server's 30 s grace window makes such a late duplicate safe); 500 ms by default.
   */
  handoffTimeoutMs?: number;
}

/**
 * Options of a {@link MemberSessionManager}.
 *
 * @example
 * ```ts
 * const options: MemberSessionOptions = {
 *   tokens: session.tokens,
 *   crossTab: true,
 *   onSessionEnded: () => router.navigate('/login'),
 * };
 * ```
 */
export interface MemberSessionOptions {
  /** Where the tokens live; a new {@link MemoryMemberSessionStore} by default. */
  store?: MemberSessionStore;
  /** Tokens to start with (from login, registration or recovery); written to the store. */
  tokens?: TokenResponse;
  /** Refresh this long before the access token expires; 60 s by default. */
  refreshMarginSeconds?: number;
  /**
   * Share refreshes with other tabs (Web Locks + BroadcastChannel). Off by default: Node has
   * BroadcastChannel too, and a server process must not hand tokens between unrelated clients.
   */
  crossTab?: boolean | CrossTabOptions;
  /**
   * Called when the session ends without the app asking: revoked, refresh token refused, or
   * ended in another tab. Not called for {@link MemberSessionManager.logout} on this manager.
   */
  onSessionEnded?: (error: CardCoopError) => void;
  /** The clock, in ms since the epoch; `Date.now` by default. */
  now?: () => number;
}

type AuthMessage =
  | { type: 'tokens'; replaces: string; session: StoredSession }
  | { type: 'ended'; session_id: string; code: CardCoopErrorCode };

/**
 * Keeps a member session's tokens fresh and adds the bearer token to requests. Refreshes
 * shortly before the access token expires and once after a `401 TOKEN_EXPIRED`, single-flight:
 * concurrent requests share one refresh, and with `crossTab` so do the tabs of a browser. When
 * the server refuses the refresh token (`SESSION_REVOKED`, `INVALID_TOKEN`) or a request answers
 * `SESSION_REVOKED`, the store is cleared, other tabs are told and the error is thrown.
 *
 * Create one manager per session and keep it: two managers refreshing the same refresh token
 * independently look like token theft to the server once the 30 s grace window has passed.
 *
 * @example
 * ```ts
 * const manager = new MemberSessionManager(http, { tokens: session.tokens, crossTab: true });
 * const { sessions } = await manager.request<{ sessions: Session[] }>('/api/v1/sessions');
 * await manager.logout();
 * ```
 */
export class MemberSessionManager {
  readonly #http: HttpClient;
  readonly #store: MemberSessionStore;
  readonly #now: () => number;
  readonly #marginMs: number;
  readonly #onSessionEnded: ((error: CardCoopError) => void) | undefined;
  readonly #channel: BroadcastChannel | undefined;
  readonly #locks: LockManagerLike | undefined;
  readonly #lockName: string;
  readonly #handoffTimeoutMs: number;
  readonly #handoffWaiters = new Set<() => void>();
  #ready: Promise<void>;
  #inflight: Promise<StoredSession> | undefined;
  /** Why the last session of this manager ended, for requests that find the store empty. */
  #ended: CardCoopError | undefined;

  constructor(http: HttpClient, options: MemberSessionOptions = {}) {
    this.#http = http;
    this.#store = options.store ?? new MemoryMemberSessionStore();
    this.#now = options.now ?? Date.now;
    this.#marginMs = (options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS) * 1000;
    this.#onSessionEnded = options.onSessionEnded;
    const crossTab =
      options.crossTab === true ? {} : options.crossTab === false ? undefined : options.crossTab;
    this.#lockName = crossTab?.lockName ?? REFRESH_LOCK_NAME;
    this.#handoffTimeoutMs = crossTab?.handoffTimeoutMs ?? DEFAULT_HANDOFF_TIMEOUT_MS;
    this.#locks = crossTab ? pickLocks(crossTab.locks) : undefined;
    this.#channel = crossTab ? openChannel(crossTab.channelName ?? AUTH_CHANNEL_NAME) : undefined;
    if (this.#channel) {
      this.#channel.onmessage = (event: MessageEvent) => void this.#receive(event.data);
    }
    const { tokens } = options;
    this.#ready = tokens ? this.#write(storedSession(tokens, this.#now())) : Promise.resolve();
  }

  /**
   * The stored session, or `undefined` when signed out.
   *
   * @example
   * ```ts
   * const signedIn = (await manager.current()) !== undefined;
   * ```
   */
  async current(): Promise<StoredSession | undefined> {
    await this.#ready;
    return this.#store.get();
  }

  /**
   * Takes over a new session's tokens (after login, registration or recovery).
   *
   * @example
   * ```ts
   * await manager.start(outcome.session.tokens);
   * ```
   */
  async start(tokens: TokenResponse): Promise<void> {
    await this.#ready;
    this.#ended = undefined;
    await this.#write(storedSession(tokens, this.#now()));
  }

  /**
   * A current access token, refreshed first when it expires within the margin. For calling an
   * endpoint the SDK does not wrap yet; {@link MemberSessionManager.request} also retries once
   * on `TOKEN_EXPIRED`.
   *
   * @throws CardCoopError `UNAUTHORIZED` when signed out; the refresh's errors.
   * @example
   * ```ts
   * headers.authorization = `Bearer ${await manager.accessToken()}`;
   * ```
   */
  async accessToken(): Promise<string> {
    return (await this.#fresh()).access_token;
  }

  /**
   * Refreshes now (single-flight: joins a refresh already under way, here or in another tab).
   *
   * @throws CardCoopError `UNAUTHORIZED` when signed out; `SESSION_REVOKED` / `INVALID_TOKEN`
   * when the server refuses the refresh token (the store is cleared then).
   * @example
   * ```ts
   * const { expires_at } = await manager.refresh();
   * ```
   */
  async refresh(): Promise<StoredSession> {
    const session = await this.#read();
    return this.#refreshFrom(session.access_token);
  }

  /**
   * An authenticated request: `Authorization: Bearer …`, a proactive refresh, and one refresh and
   * retry after `401 TOKEN_EXPIRED` (the server checks the token before doing anything, so the
   * retry cannot run an operation twice).
   *
   * @throws CardCoopError `UNAUTHORIZED` when signed out; `SESSION_REVOKED` (store cleared); any
   * server code.
   * @example
   * ```ts
   * const status = await manager.request<TotpStatus>('/api/v1/auth/totp');
   * ```
   */
  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const session = await this.#fresh();
    try {
      return await this.#send<T>(path, options, session);
    } catch (error) {
      if (!hasCode(error, ['TOKEN_EXPIRED'])) throw await this.#requestFailed(error, session);
    }
    const renewed = await this.#refreshFrom(session.access_token);
    try {
      return await this.#send<T>(path, options, renewed);
    } catch (error) {
      throw await this.#requestFailed(error, renewed);
    }
  }

  /**
   * Ends the session on the server (`POST /auth/logout`), then clears the store and tells the
   * other tabs, even when the server could not be reached (that error is rethrown afterwards).
   *
   * @example
   * ```ts
   * await manager.logout();
   * ```
   */
  async logout(): Promise<void> {
    const session = await this.current();
    if (!session) return;
    try {
      await this.request(`${AUTH_PATH}/logout`, { method: 'POST' });
    } catch (error) {
      // Already over on the server: nothing left to end.
      if (!hasCode(error, [...SESSION_OVER, 'UNAUTHORIZED', 'TOKEN_EXPIRED'])) {
        await this.#end(loggedOut(), session.session_id, false);
        throw error;
      }
    }
    await this.#end(loggedOut(), session.session_id, false);
  }

  /**
   * Forgets the session on this device (and its tabs) without telling the server, e.g. after
   * the member ended this session from the session list.
   *
   * @example
   * ```ts
   * await manager.forget();
   * ```
   */
  async forget(): Promise<void> {
    const session = await this.current();
    if (session) await this.#end(loggedOut(), session.session_id, false);
  }

  /**
   * Stops listening to other tabs. The manager still works, without the hand-off.
   *
   * @example
   * ```ts
   * window.addEventListener('pagehide', () => manager.close());
   * ```
   */
  close(): void {
    this.#channel?.close();
  }

  /** A placeholder, so the tokens never end up in a log or a JSON dump by accident. */
  toJSON(): string {
    return '[MemberSessionManager]';
  }

  async #read(): Promise<StoredSession> {
    const session = await this.current();
    if (session) return session;
    const ended = this.#ended;
    if (!ended) throw new CardCoopError('UNAUTHORIZED', 'Not signed in.', { status: 0 });
    throw new CardCoopError(ended.code, ended.message, { status: 0, cause: ended });
  }

  async #write(session: StoredSession): Promise<void> {
    await this.#store.set(session);
  }

  #expiresSoon(session: StoredSession): boolean {
    return session.expires_at - this.#now() <= this.#marginMs;
  }

  async #fresh(): Promise<StoredSession> {
    const session = await this.#read();
    if (!this.#expiresSoon(session)) return session;
    try {
      return await this.#refreshFrom(session.access_token);
    } catch (error) {
      // A failed early refresh (network) need not fail a request the old token still covers.
      const over = hasCode(error, [...SESSION_OVER, 'UNAUTHORIZED']);
      if (!over && session.expires_at > this.#now() && (await this.current())) return session;
      throw error;
    }
  }

  #send<T>(path: string, options: RequestOptions, session: StoredSession): Promise<T> {
    return this.#http.request<T>(path, {
      ...options,
      headers: { ...options.headers, authorization: `Bearer ${session.access_token}` },
    });
  }

  async #requestFailed(error: unknown, session: StoredSession): Promise<unknown> {
    if (error instanceof CardCoopError && error.code === 'SESSION_REVOKED') {
      await this.#end(error, session.session_id, true);
    }
    return error;
  }

  /** One refresh at a time in this manager; the callers of one moment share its result. */
  #refreshFrom(stale: string): Promise<StoredSession> {
    this.#inflight ??= this.#withLock((waited) => this.#refreshLocked(stale, waited)).finally(
      () => {
        this.#inflight = undefined;
      },
    );
    return this.#inflight;
  }

  async #refreshLocked(stale: string, waited: boolean): Promise<StoredSession> {
    // Another tab held the lock: it probably refreshed and is handing the tokens over.
    const handoff = waited && this.#channel ? this.#handoff() : undefined;
    try {
      let current = await this.#read();
      if (handoff && current.access_token === stale) {
        await handoff.arrived;
        current = await this.#read();
      }
      if (current.access_token !== stale && !this.#expiresSoon(current)) return current;
      return await this.#callRefresh(current);
    } finally {
      handoff?.cancel();
    }
  }

  async #callRefresh(current: StoredSession): Promise<StoredSession> {
    let payload: unknown;
    try {
      payload = await this.#http.request(`${AUTH_PATH}/refresh-token`, {
        method: 'POST',
        // Empty: the web app's token is in its HttpOnly cookie, which the browser sends.
        body: current.refresh_token ? { refresh_token: current.refresh_token } : {},
      });
    } catch (error) {
      if (error instanceof CardCoopError && SESSION_OVER.includes(error.code)) {
        await this.#end(error, current.session_id, true);
      }
      throw error;
    }
    const tokens = parseResponse(tokenResponseSchema, payload, 'refresh-token');
    if (tokens.user_id !== current.user_id) {
      throw new CardCoopError('INVALID_RESPONSE', 'The refresh returned another account.', {
        status: 200,
      });
    }
    const next = storedSession(tokens, this.#now());
    // A logout that ran meanwhile wins: the refreshed session is not brought back.
    const still = await this.current();
    if (still?.session_id !== current.session_id) return this.#read();
    await this.#write(next);
    this.#post({ type: 'tokens', replaces: current.session_id, session: next });
    return next;
  }

  async #withLock<T>(run: (waited: boolean) => Promise<T>): Promise<T> {
    const locks = this.#locks;
    if (!locks) return run(false);
    const busy = Symbol('busy');
    const first = await locks.request<T | typeof busy>(
      this.#lockName,
      { ifAvailable: true },
      (lock) => (lock ? run(false) : Promise.resolve(busy)),
    );
    if (first !== busy) return first as T;
    const signal =
      typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(LOCK_WAIT_MS) : undefined;
    let started = false;
    try {
      return await locks.request<T>(this.#lockName, signal ? { signal } : {}, () => {
        started = true;
        return run(true);
      });
    } catch (error) {
      if (started || !signal?.aborted) throw error;
      return run(true);
    }
  }

  /** Resolves when another tab's tokens arrive, or after the hand-off timeout. */
  #handoff(): { arrived: Promise<void>; cancel(): void } {
    let done = (): void => undefined;
    const arrived = new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), this.#handoffTimeoutMs);
      done = () => {
        clearTimeout(timer);
        this.#handoffWaiters.delete(done);
        resolve();
      };
      this.#handoffWaiters.add(done);
    });
    return { arrived, cancel: () => done() };
  }

  async #end(error: CardCoopError, sessionId: string, notify: boolean): Promise<void> {
    const current = await this.current();
    if (current?.session_id !== sessionId) return;
    await this.#store.clear();
    this.#ended = error;
    this.#post({ type: 'ended', session_id: sessionId, code: error.code });
    if (notify) this.#notify(error);
  }

  #notify(error: CardCoopError): void {
    const listener = this.#onSessionEnded;
    // Later, so a throwing listener cannot break the flow that noticed the end.
    if (listener) queueMicrotask(() => listener(error));
  }

  #post(message: AuthMessage): void {
    this.#channel?.postMessage(message);
  }

  async #receive(data: unknown): Promise<void> {
    const message = readMessage(data);
    if (!message) return;
    const current = await this.current();
    if (message.type === 'tokens') {
      const adopt =
        current?.session_id === message.replaces &&
        current.access_token !== message.session.access_token &&
        message.session.expires_at >= current.expires_at;
      if (!adopt) return;
      await this.#write(message.session);
    } else {
      if (current?.session_id !== message.session_id) return;
      await this.#store.clear();
      this.#ended = new CardCoopError(message.code, 'The session ended in another tab.', {
        status: 0,
      });
      this.#notify(this.#ended);
    }
    for (const waiter of [...this.#handoffWaiters]) waiter();
  }
}

function loggedOut(): CardCoopError {
  return new CardCoopError('SESSION_REVOKED', 'Signed out.', { status: 0 });
}

function hasCode(error: unknown, codes: readonly CardCoopErrorCode[]): boolean {
  return error instanceof CardCoopError && codes.includes(error.code);
}

function pickLocks(option: LockManagerLike | false | undefined): LockManagerLike | undefined {
  if (option === false) return undefined;
  if (option) return option;
  const platform = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return platform ? (platform as unknown as LockManagerLike) : undefined;
}

function openChannel(name: string): BroadcastChannel | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(name);
  // Node: a listening channel must not keep the process alive.
  (channel as unknown as { unref?: () => void }).unref?.();
  return channel;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Messages come from same-origin pages only, but are still checked before use. */
function readMessage(data: unknown): AuthMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message.type === 'ended' && isText(message.session_id) && isText(message.code)) {
    return {
      type: 'ended',
      session_id: message.session_id,
      code: message.code as CardCoopErrorCode,
    };
  }
  if (message.type !== 'tokens' || !isText(message.replaces)) return undefined;
  const session = message.session as Record<string, unknown> | null | undefined;
  if (
    typeof session !== 'object' ||
    session === null ||
    !isText(session.access_token) ||
    typeof session.refresh_token !== 'string' ||
    !isText(session.session_id) ||
    !isText(session.user_id) ||
    typeof session.expires_at !== 'number'
  ) {
    return undefined;
  }
  return {
    type: 'tokens',
    replaces: message.replaces,
    session: {
      access_token: session.access_token,
      refresh_token: session.refresh_token,
      expires_at: session.expires_at,
      session_id: session.session_id,
      user_id: session.user_id,
    },
  };
}
