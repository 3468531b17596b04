import type {
  CodeSent,
  ConnectTarget,
  DeletionScheduled,
  OpaquePublicKey,
  MaintenanceList,
  PrivacyPolicy,
  Readiness,
  TokenResponse,
} from '@cardcoop/contracts';
import { revertEmailChange } from './auth/change-email.js';
import { revertTotp } from './auth/totp.js';
import type { MemberSession } from './auth/common.js';
import { confirmDeletion, requestDeletion } from './auth/deletion.js';
import type { ConfirmDeletionInput } from './auth/deletion.js';
import { login } from './auth/login.js';
import type { LoginInput, LoginOutcome } from './auth/login.js';
import { recover, requestRecovery } from './auth/recovery.js';
import type { RecoverInput, RecoveryOutcome } from './auth/recovery.js';
import { completeRegistration, startRegistration } from './auth/registration.js';
import { serverPublicKey } from './auth/server-key.js';
import { privacyPolicy } from './auth/privacy-policy.js';
import type { CardClientOptions } from './card/card-client.js';
import type {
  CompleteRegistrationInput,
  RegistrationResult,
  StartRegistrationInput,
} from './auth/registration.js';
import { HttpClient } from './http.js';
import { upcomingMaintenance } from './maintenance.js';
import type { HttpOptions } from './http.js';
import { connectTarget } from './member/connect-target.js';
import type { ConnectTargetInput } from './member/connect-target.js';
import { memberClient } from './member/member-client.js';
import type { MemberClient } from './member/member-client.js';
import { MemberSessionManager } from './session/manager.js';
import type { MemberSessionOptions } from './session/manager.js';

/**
 * Options of {@link createClient}: the same as the transport's.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { baseUrl: 'https://id.card.coop', language: 'en' };
 * ```
 */
export type ClientOptions = HttpOptions;

/**
 * The card.coop client. Resources are added feature by feature.
 *
 * @example
 * ```ts
 * const client = createClient({ baseUrl: 'https://id.card.coop', language: 'en' });
 * const { status } = await client.health.ready();
 * const outcome = await client.auth.login({ email, password });
 * if (outcome.status === 'authenticated') {
 *   const member = client.member(outcome.session, { crossTab: true });
 *   await member.sessions.list();
 * }
 * ```
 */
export interface CardCoopClient {
  readonly health: {
    /** Whether the server is ready for traffic; answers (does not throw) when it is not. */
    ready(): Promise<Readiness>;
  };
  /** Planned maintenance: announcements not yet ended, for a banner (public, cached 60 s). */
  readonly maintenance: {
    upcoming(): Promise<MaintenanceList>;
  };
  /**
   * Everything without a session: registration and login ({@link startRegistration},
   * {@link completeRegistration}, {@link login}), recovery ({@link requestRecovery},
   * {@link recover}), deletion of a lost account ({@link requestDeletion},
   * {@link confirmDeletion}), {@link revertEmailChange} and {@link revertTotp}, and the server's
   * OPAQUE public key to pin ({@link serverPublicKey}), the privacy policy to consent to
   * ({@link privacyPolicy}) and a cooperative's connect request checked ({@link connectTarget}).
   */
  readonly auth: {
    startRegistration(input: StartRegistrationInput): Promise<CodeSent>;
    completeRegistration(input: CompleteRegistrationInput): Promise<RegistrationResult>;
    login(input: LoginInput): Promise<LoginOutcome>;
    requestRecovery(email: string): Promise<CodeSent>;
    recover(input: RecoverInput): Promise<RecoveryOutcome>;
    requestDeletion(email: string): Promise<CodeSent>;
    confirmDeletion(input: ConfirmDeletionInput): Promise<DeletionScheduled>;
    revertEmailChange(token: string): Promise<void>;
    revertTotp(token: string): Promise<void>;
    /**
     * The server's published OPAQUE public key and setup version
     * (`GET /.well-known/opaque-public-key`). Pin it — ship it with the app or keep the first
     * value seen — and pass it as `expectedServerPublicKey` to the OPAQUE flows; fetching it
     * anew before each login proves nothing (see {@link serverPublicKey}).
     *
     * @example
     * ```ts
     * const { opaque_public_key } = await client.auth.serverPublicKey();
     * await client.auth.login({ email, password, expectedServerPublicKey: opaque_public_key });
     * ```
     */
    serverPublicKey(): Promise<OpaquePublicKey>;
    privacyPolicy(): Promise<PrivacyPolicy>;
    connectTarget(input: ConnectTargetInput): Promise<ConnectTarget>;
  };
  /**
   * The signed-in member's API over a session from login, registration or recovery. One
   * {@link MemberClient} per session: a second call with the same session id returns the first
   * client (and ignores `options`), so two refreshers never compete for one refresh token.
   * A {@link MemberSession} brings its user key for `member.card`; with bare tokens pass
   * `options.userKey` (or the card API answers `UNAUTHORIZED`, "locked").
   */
  member(
    session: MemberSession | TokenResponse,
    options?: Omit<MemberSessionOptions, 'tokens'> & Omit<CardClientOptions, 'language'>,
  ): MemberClient;
}

/**
 * Creates a {@link CardCoopClient} over one HTTP transport.
 *
 * @example
 * ```ts
 * const client = createClient({ baseUrl: 'https://id.card.coop' });
 * ```
 */
export function createClient(options: ClientOptions): CardCoopClient {
  const http = new HttpClient(options);
  const members = new Map<string, MemberClient>();
  return {
    health: {
      ready: () => http.request<Readiness>('/health/ready', { acceptStatus: [503] }),
    },
    maintenance: {
      upcoming: () => upcomingMaintenance(http),
    },
    auth: {
      startRegistration: (input) => startRegistration(http, input),
      completeRegistration: (input) => completeRegistration(http, input),
      login: (input) => login(http, input),
      requestRecovery: (email) => requestRecovery(http, email),
      recover: (input) => recover(http, input),
      requestDeletion: (email) => requestDeletion(http, email),
      confirmDeletion: (input) => confirmDeletion(http, input),
      revertEmailChange: (token) => revertEmailChange(http, token),
      revertTotp: (token) => revertTotp(http, token),
      serverPublicKey: () => serverPublicKey(http),
      privacyPolicy: () => privacyPolicy(http),
      connectTarget: (input) => connectTarget(http, input),
    },
    member(session, memberOptions = {}) {
      const tokens = 'tokens' in session ? session.tokens : session;
      const known = members.get(tokens.session_id);
      if (known) return known;
      const manager = new MemberSessionManager(http, { ...memberOptions, tokens });
      const userKey = 'userKey' in session ? session.userKey : memberOptions.userKey;
      const client = memberClient(manager, {
        ...memberOptions,
        ...(userKey ? { userKey } : {}),
        language: http.language,
      });
      members.set(tokens.session_id, client);
      return client;
    },
  };
}
