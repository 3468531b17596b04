import {
  CardCoopError,
  HttpClient,
  memberClient,
  MemberSessionManager,
  resumeSession,
  unlock,
} from '@cardcoop/sdk';
import type { MemberClient, MemberSession, UserKey } from '@cardcoop/sdk';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { currentLanguage } from '../../../lib/i18n';
import { forgetAccount, rememberAccount, rememberedEmail } from './known-account';
import { setSignedInEmail } from './signed-in-email';
import { forgetDevice, trustDevice, trustedUserKey } from './trusted-device';

/**
 * Where the member stands in this tab. `locked`: a live session (resumed from the refresh
 * cookie after a reload) without the user key, which only the password (or a trusted device)
 * opens; the card and accounts are unreadable until then (protocol.md, "Tokens"). `trusted`:
 * this device keeps the user key (see trusted-device.ts), so a reload opens the card by itself.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; ended?: boolean }
  | { status: 'locked'; member: MemberClient; email?: string | undefined }
  | { status: 'unlocked'; member: MemberClient; trusted: boolean; email?: string | undefined };

/** Options of {@link SessionStore.signedIn}. */
export interface SignedInOptions {
  /** What the member typed to sign in: the header and the locked screen name the account by it. */
  email: string;
  /** Keep the user key on this device ("trust this device"); otherwise any kept copy is wiped. */
  trustDevice?: boolean;
  /**
   * The member just saved the Recovery Kit on screen: it is confirmed on the server before the
   * session is shown, so nothing asks for a kit again.
   */
  recoveryKitSaved?: boolean;
}

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
  /** The session whose real-time events this tab follows, and how to stop. */
  #followed: MemberSessionManager | undefined;
  #unfollow: (() => void) | undefined;

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
    this.#follow('member' in state ? state.member : undefined);
    setSignedInEmail('email' in state ? state.email : undefined);
    for (const listener of this.#listeners) listener();
  }

  #follow(member: MemberClient | undefined) {
    if (member?.session === this.#followed) return;
    this.#unfollow?.();
    this.#followed = member?.session;
    this.#unfollow = member?.events.subscribe((event) => {
      if (event.type === 'session.revoked') void this.#revoked(member.session, event.session_id);
    });
  }

  /** This session was ended elsewhere (the session list of another device): sign out now. */
  async #revoked(manager: MemberSessionManager, sessionId: string) {
    if ((await manager.current())?.session_id !== sessionId) return;
    await manager.forget();
    void forgetEverything();
    this.#set({ status: 'signed-out', ended: true });
  }

  #manager(tokens: MemberSession['tokens']) {
    return new MemberSessionManager(http(), {
      tokens,
      crossTab: true,
      // Revoked elsewhere, refused refresh, or signed out in another tab.
      onSessionEnded: () => {
        void forgetEverything();
        this.#set({ status: 'signed-out', ended: true });
      },
    });
  }

  #unlocked(
    manager: MemberSessionManager,
    userKey: UserKey,
    trusted: boolean,
    email: string | undefined,
  ): MemberClient {
    const member = memberClient(manager, { userKey, language: currentLanguage() });
    this.#set({ status: 'unlocked', member, trusted, email });
    return member;
  }

  /**
   * Once per page: picks up a live session from the refresh cookie, unlocked when this device
   * is trusted, locked otherwise.
   */
  start(): Promise<void> {
    this.#started ??= this.#resume().catch(() => this.#set({ status: 'signed-out' }));
    return this.#started;
  }

  async #resume(): Promise<void> {
    const tokens = await resumeSession(http());
    if (!tokens) {
      // No session to open it with: a kept user key is only a liability now.
      await forgetEverything();
      return this.#set({ status: 'signed-out' });
    }
    const manager = this.#manager(tokens);
    const [userKey, email] = await Promise.all([
      trustedUserKey(tokens.user_id).catch(() => undefined),
      rememberedEmail(tokens.user_id).catch(() => undefined),
    ]);
    if (userKey) this.#unlocked(manager, userKey, true, email);
    else
      this.#set({
        status: 'locked',
        member: memberClient(manager, { language: currentLanguage() }),
        email,
      });
  }

  /** After login, registration or recovery: the session and its user key. */
  async signedIn(session: MemberSession, options: SignedInOptions): Promise<MemberClient> {
    const trusted = options.trustDevice === true;
    await rememberAccount(session.tokens.user_id, options.email).catch(() => undefined);
    // A device that cannot store the key (no IndexedDB) still signs in, untrusted.
    const kept = await (
      trusted ? trustDevice(session.tokens.user_id, session.userKey) : forgetDevice()
    ).then(
      () => trusted,
      () => false,
    );
    const manager = this.#manager(session.tokens);
    if (options.recoveryKitSaved) {
      try {
        await memberClient(manager).recoveryKit.confirm();
      } catch (error) {
        manager.close();
        throw error;
      }
    }
    return this.#unlocked(manager, session.userKey, kept, options.email);
  }

  /** Opens the locked session with the password (an OPAQUE proof; no new session). */
  async unlock(password: string): Promise<void> {
    const state = this.#state;
    if (state.status !== 'locked')
      throw new CardCoopError('UNAUTHORIZED', 'Not locked.', { status: 0 });
    const userKey = await unlock(state.member.session, password, { opaque: workerOpaque });
    this.#unlocked(state.member.session, userKey, false, state.email);
  }

  /** "Forget this device": wipes the kept user key; the card stays open in this tab. */
  async forgetDevice(): Promise<void> {
    await forgetDevice();
    const state = this.#state;
    if (state.status === 'unlocked') this.#set({ ...state, trusted: false });
  }

  /** The member's address changed (and was confirmed) on this device. */
  async emailChanged(email: string): Promise<void> {
    const state = this.#state;
    if (state.status !== 'unlocked') return;
    const userId = (await state.member.session.current())?.user_id;
    if (userId) await rememberAccount(userId, email).catch(() => undefined);
    this.#set({ ...state, email });
  }

  /** Ends the session on the server and forgets everything in this tab and on this device. */
  async logout(): Promise<void> {
    const state = this.#state;
    await forgetEverything();
    if ('member' in state) await state.member.logout().catch(() => undefined);
    this.#set({ status: 'signed-out' });
  }
}

/** What this device keeps of a session: the user key of a trusted device, the account's e-mail. */
const forgetEverything = () =>
  Promise.all([forgetDevice(), forgetAccount()]).then(
    () => undefined,
    () => undefined,
  );

export const sessionStore = new SessionStore();
