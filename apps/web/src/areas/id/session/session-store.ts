import {
  CardCoopError,
  HttpClient,
  memberClient,
  MemberSessionManager,
  resumeSession,
  unlock,
} from '@cardcoop/sdk';
import type { MemberClient, MemberSession } from '@cardcoop/sdk';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { currentLanguage } from '../../../lib/i18n';

/**
 * Where the member stands in this tab. `locked`: a live session (resumed from the refresh
 * cookie after a reload) without the user key, which only the password (or a trusted device)
 * opens; the card and accounts are unreadable until then (protocol.md, "Tokens").
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; ended?: boolean }
  | { status: 'locked'; member: MemberClient }
  | { status: 'unlocked'; member: MemberClient };

type Listener = () => void;

const http = () =>
  new HttpClient({
    baseUrl: window.location.origin,
    language: currentLanguage(),
    refreshTokenCookie: true,
  });

/** The member session of this tab: one manager per session, shared by every screen. */
class SessionStore {
  #state: SessionState = { status: 'loading' };
  #listeners = new Set<Listener>();
  #started: Promise<void> | undefined;

  subscribe = (listener: Listener) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = () => this.#state;

  #set(state: SessionState) {
    if (this.#state.status !== 'loading' && 'member' in this.#state) {
      const previous = this.#state.member.session;
      if (!('member' in state) || state.member.session !== previous) previous.close();
    }
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  #manager(tokens: MemberSession['tokens']) {
    return new MemberSessionManager(http(), {
      tokens,
      crossTab: true,
      // Revoked elsewhere, refused refresh, or signed out in another tab.
      onSessionEnded: () => this.#set({ status: 'signed-out', ended: true }),
    });
  }

  /** Once per page: picks up a live session from the refresh cookie, locked. */
  start(): Promise<void> {
    this.#started ??= resumeSession(http())
      .then((tokens) => {
        if (!tokens) return this.#set({ status: 'signed-out' });
        this.#set({ status: 'locked', member: memberClient(this.#manager(tokens)) });
      })
      .catch(() => this.#set({ status: 'signed-out' }));
    return this.#started;
  }

  /** After login, registration or recovery: the session and its user key. */
  signedIn(session: MemberSession): MemberClient {
    const member = memberClient(this.#manager(session.tokens), { userKey: session.userKey });
    this.#set({ status: 'unlocked', member });
    return member;
  }

  /** Opens the locked session with the password (an OPAQUE proof; no new session). */
  async unlock(password: string): Promise<void> {
    const state = this.#state;
    if (state.status !== 'locked')
      throw new CardCoopError('UNAUTHORIZED', 'Not locked.', { status: 0 });
    const userKey = await unlock(state.member.session, password, { opaque: workerOpaque });
    this.#set({ status: 'unlocked', member: memberClient(state.member.session, { userKey }) });
  }

  /** Ends the session on the server and forgets everything in this tab. */
  async logout(): Promise<void> {
    const state = this.#state;
    if ('member' in state) await state.member.logout().catch(() => undefined);
    this.#set({ status: 'signed-out' });
  }
}

export const sessionStore = new SessionStore();
