import type { TokenResponse } from '@cardcoop/contracts';

/**
 * The tokens of one member session, as a {@link MemberSessionStore} keeps them. `expires_at` is
 * the access token's expiry in milliseconds since the epoch, by this device's clock (computed
 * from `expires_in` when the tokens arrived, so server clock skew does not matter).
 *
 * @example
 * ```ts
 * const stored: StoredSession = storedSession(loginTokens, Date.now());
 * const left = stored.expires_at - Date.now();
 * ```
 */
export interface StoredSession {
  access_token: string;
  /** Empty when the server keeps it in the browser's HttpOnly cookie (the web app). */
  refresh_token: string;
  expires_at: number;
  session_id: string;
  user_id: string;
}

/**
 * Where a member session's tokens live between requests. Methods may be synchronous or return
 * promises. The default, {@link MemoryMemberSessionStore}, keeps them in memory (protocol.md:
 * never localStorage); an app with other needs (e.g. a CLI's keychain) brings its own.
 *
 * @example
 * ```ts
 * const keychainStore: MemberSessionStore = {
 *   get: () => keychain.read('cardcoop'),
 *   set: (session) => keychain.write('cardcoop', session),
 *   clear: () => keychain.remove('cardcoop'),
 * };
 * const member = createMemberClient({ baseUrl, store: keychainStore });
 * ```
 */
export interface MemberSessionStore {
  get(): StoredSession | undefined | Promise<StoredSession | undefined>;
  set(session: StoredSession): void | Promise<void>;
  clear(): void | Promise<void>;
}

/**
 * The default {@link MemberSessionStore}: one session in memory, for Node and the browser. The
 * tokens sit in a private field, so `JSON.stringify(store)` shows none of them.
 *
 * @example
 * ```ts
 * const store = new MemoryMemberSessionStore();
 * const member = createMemberClient({ baseUrl, store, tokens: session.tokens });
 * JSON.stringify(store); // '"[MemoryMemberSessionStore]"'
 * ```
 */
export class MemoryMemberSessionStore implements MemberSessionStore {
  #session: StoredSession | undefined;

  constructor(initial?: StoredSession) {
    this.#session = initial ? { ...initial } : undefined;
  }

  get(): StoredSession | undefined {
    return this.#session ? { ...this.#session } : undefined;
  }

  set(session: StoredSession): void {
    this.#session = { ...session };
  }

  clear(): void {
    this.#session = undefined;
  }

  /** A placeholder, so the tokens never end up in a log or a JSON dump by accident. */
  toJSON(): string {
    return '[MemoryMemberSessionStore]';
  }
}

/**
 * The stored form of a {@link TokenResponse} received at `receivedAt` (ms since the epoch).
 *
 * @example
 * ```ts
 * await store.set(storedSession(outcome.session.tokens, Date.now()));
 * ```
 */
export function storedSession(tokens: TokenResponse, receivedAt: number): StoredSession {
  return {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token ?? '',
    expires_at: receivedAt + tokens.expires_in * 1000,
    session_id: tokens.session_id,
    user_id: tokens.user_id,
  };
}
