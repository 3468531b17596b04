import { auditLogSchema, sessionListSchema, totpStatusSchema } from '@cardcoop/contracts';
import type {
  AuditEvent,
  AuditLog,
  AuditLogQuery,
  BackupCodes,
  CodeSent,
  DeletionStatus,
  RecoveryKitStatus,
  Session,
  SessionsEnded,
  SteppedUp,
  TotpSetup,
  TotpStatus,
} from '@cardcoop/contracts';
import { changeEmail, confirmEmailChange } from '../auth/change-email.js';
import { withQuery } from '../http.js';
import type { ChangeEmailInput } from '../auth/change-email.js';
import { changePassword } from '../auth/change-password.js';
import type { ChangePasswordInput } from '../auth/change-password.js';
import { AUTH_PATH, parseResponse, wireFactor } from '../auth/common.js';
import { confirmRecoveryKit, recoveryKitStatus, reissueRecoveryKit } from '../auth/recovery-kit.js';
import type { ReissueRecoveryKitInput } from '../auth/recovery-kit.js';
import type { RecoveryKit } from '../auth/registration.js';
import { confirmTotp, regenerateBackupCodes, startTotpSetup } from '../auth/totp.js';
import type { RegenerateBackupCodesInput, TotpPasswordInput } from '../auth/totp.js';
import { createCardClient } from '../card/card-client.js';
import type { CardClient, CardClientOptions } from '../card/card-client.js';
import { cancelDeletion, deletionStatus } from '../auth/deletion.js';
import { stepUp } from '../auth/step-up.js';
import type { StepUpInput } from '../auth/step-up.js';
import { createActivityClient } from './activity-client.js';
import type { ActivityClient } from './activity-client.js';
import { createAccessClient } from './access-client.js';
import type { AccessClient } from './access-client.js';
import { createMeetingsClient } from './meetings-client.js';
import type { MeetingsClient } from './meetings-client.js';
import { createBalancesClient } from './balances-client.js';
import type { BalancesClient } from './balances-client.js';
import { createContributionsClient } from './contributions-client.js';
import { createCooperativesClient } from './cooperatives-client.js';
import type { CooperativesClient } from './cooperatives-client.js';
import { createDashboardClient } from './dashboard-client.js';
import type { DashboardClient } from './dashboard-client.js';
import type { ContributionsClient } from './contributions-client.js';
import { createEventsClient } from './events-client.js';
import type { MemberEventsClient, MemberEventsOptions } from './events-client.js';
import { createNotificationsClient } from './notifications-client.js';
import type { NotificationsClient } from './notifications-client.js';
import { createRecommendationsClient } from './recommendations-client.js';
import type { RecommendationsClient } from './recommendations-client.js';
import { createVirtualCardsClient } from './virtual-cards-client.js';
import type { VirtualCardsClient } from './virtual-cards-client.js';
import type { SecondFactor } from '../auth/login.js';
import type { UserKey } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';
import { HttpClient } from '../http.js';
import type { HttpOptions } from '../http.js';
import { MemberSessionManager } from '../session/manager.js';
import type { MemberSessionOptions } from '../session/manager.js';

const SESSIONS_PATH = '/api/v1/sessions';
const AUDIT_PATH = '/api/v1/audit';
const TOTP_PATH = `${AUTH_PATH}/totp`;

/**
 * Options of {@link createMemberClient}: where the server is, and how the session is kept.
 *
 * @example
 * ```ts
 * const options: MemberClientOptions = {
 *   baseUrl: 'https://id.card.coop',
 *   tokens: outcome.session.tokens,
 *   userKey: outcome.session.userKey,
 *   crossTab: true,
 *   onSessionEnded: () => showLogin(),
 * };
 * ```
 */
export interface MemberClientOptions
  extends HttpOptions, MemberSessionOptions, Omit<CardClientOptions, 'language'> {}

/**
 * What a signed-in member can do. Every request carries the bearer token of {@link session},
 * which refreshes it as needed.
 *
 * @example
 * ```ts
 * const member = client.member(outcome.session);
 * const sessions = await member.sessions.list();
 * const setup = await member.totp.setup({ password });
 * const { backup_codes } = await member.totp.confirm(setup.setup_id, '123456');
 * await member.logout();
 * ```
 */
export interface MemberClient {
  /** The tokens and their refresh; also for endpoints the SDK does not wrap yet. */
  readonly session: MemberSessionManager;
  /** The card and the cooperative accounts, encrypted under the user key (see {@link CardClient}). */
  readonly card: CardClient;
  /** The cooperatives to open an account in, with the member's own (see {@link CooperativesClient}). */
  readonly cooperatives: CooperativesClient;
  /** Sharing card data with cooperatives: prepare, share, list, revoke (see {@link AccessClient}). */
  readonly access: AccessClient;
  /**
   * Meetings and events of the member's cooperatives, attendance, the calendar feed (see
   * {@link MeetingsClient}).
   */
  readonly meetings: MeetingsClient;
  /** What changes for this member, pushed as it happens (see {@link MemberEventsClient}). */
  readonly events: MemberEventsClient;
  /** Balances per cooperative where the membership is confirmed (see {@link BalancesClient}). */
  readonly balances: BalancesClient;
  /** The member's home in one request (see {@link DashboardClient}). */
  readonly dashboard: DashboardClient;
  /** Payment requests for contributions and how to pay them (see {@link ContributionsClient}). */
  readonly contributions: ContributionsClient;
  /** The notification centre and notification preferences (see {@link NotificationsClient}). */
  readonly notifications: NotificationsClient;
  /**
   * Reads of the member's data, sign-ins and payments over time; the sign-in history (see
   * {@link ActivityClient}).
   */
  readonly activity: ActivityClient;
  /** Suggestions for the member and hiding them (see {@link RecommendationsClient}). */
  readonly recommendations: RecommendationsClient;
  /**
   * Aifory virtual cards: issue, reveal (after a step-up), top up, transactions, freeze, limits
   * (see {@link VirtualCardsClient}).
   */
  readonly virtualCards: VirtualCardsClient;
  readonly sessions: {
    /** The member's live sessions; `current` marks this one. */
    list(): Promise<Session[]>;
    /** Ends one session (`NOT_FOUND` for an unknown or foreign id); this one signs out here. */
    revoke(sessionId: string): Promise<void>;
    /** Ends every session but this one. */
    revokeOthers(): Promise<void>;
  };
  readonly audit: {
    /** The member's last 100 security events, newest first (cooperatives' reads included). */
    list(): Promise<AuditEvent[]>;
    /**
     * A page of the security log, newest first; pass `next_cursor` as `cursor` for older events.
     *
     * @example
     * ```ts
     * const first = await member.audit.page({ limit: 50 });
     * const older = first.next_cursor && (await member.audit.page({ cursor: first.next_cursor }));
     * ```
     */
    page(query?: AuditLogQuery): Promise<AuditLog>;
  };
  readonly totp: {
    status(): Promise<TotpStatus>;
    /**
     * Proves the password, then a new secret (base32, otpauth URL, SVG QR code) and its
     * `setup_id`; 2FA is on only after `confirm` (see {@link startTotpSetup}).
     */
    setup(input: TotpPasswordInput): Promise<TotpSetup>;
    /**
     * The first valid code of the setup turns 2FA on; the answer's 10 backup codes are shown
     * this once, and the owner is mailed a 7-day undo link (see {@link confirmTotp}).
     */
    confirm(setupId: string, code: string): Promise<BackupCodes>;
    /** Step-up: a current app code or a backup code turns 2FA off. */
    disable(factor: SecondFactor): Promise<void>;
    /**
     * New backup codes, the old ones void: the password and the current second factor (see
     * {@link regenerateBackupCodes}).
     */
    regenerateBackupCodes(input: RegenerateBackupCodesInput): Promise<BackupCodes>;
  };
  /**
   * See {@link changePassword}; the user key defaults to this client's, so an unlocked client
   * needs only the passwords (and the second factor when 2FA is on).
   */
  changePassword(input: MemberChangePasswordInput): Promise<SessionsEnded>;
  /** The Recovery Kit: whether it is confirmed, confirming it, and issuing a new one. */
  recoveryKit: {
    /** See {@link recoveryKitStatus}. */
    status(): Promise<RecoveryKitStatus>;
    /** See {@link confirmRecoveryKit}; idempotent. */
    confirm(): Promise<RecoveryKitStatus>;
    /**
     * See {@link reissueRecoveryKit}; the user key defaults to this client's. The previous kit
     * stops working.
     */
    reissue(input: MemberReissueRecoveryKitInput): Promise<RecoveryKit>;
  };
  /** See {@link changeEmail}; finish with {@link MemberClient.confirmEmailChange}. */
  changeEmail(input: ChangeEmailInput): Promise<CodeSent>;
  confirmEmailChange(code: string): Promise<void>;
  /** When the account is due for deletion (`deletion_due_at`), `null` when none is scheduled. */
  deletionStatus(): Promise<DeletionStatus>;
  /** Cancels a deletion scheduled with `confirmDeletion`. */
  cancelDeletion(): Promise<void>;
  /** Ends this session on the server and clears it here and in the other tabs. */
  logout(): Promise<void>;
  /**
   * Proves a second factor now (an app or backup code; the password when 2FA is off): this
   * session may do step-up operations for five minutes (see {@link stepUp}).
   */
  stepUp(input: StepUpInput): Promise<SteppedUp>;
}

/** {@link ReissueRecoveryKitInput} for a member client: `userKey` only when the client has none. */
export type MemberReissueRecoveryKitInput = Omit<ReissueRecoveryKitInput, 'userKey'> & {
  userKey?: UserKey;
};

/** {@link ChangePasswordInput} for a member client: `userKey` only when the client has none. */
export type MemberChangePasswordInput = Omit<ChangePasswordInput, 'userKey'> & {
  userKey?: UserKey;
};

/**
 * A {@link MemberClient} with its own transport and session manager.
 *
 * @example
 * ```ts
 * const member = createMemberClient({
 *   baseUrl: 'https://id.card.coop',
 *   tokens: outcome.session.tokens,
 *   userKey: outcome.session.userKey,
 *   crossTab: true,
 * });
 * await member.totp.status();
 * ```
 */
export function createMemberClient(options: MemberClientOptions): MemberClient {
  const http = new HttpClient(options);
  return memberClient(
    new MemberSessionManager(http, options),
    { ...options, language: http.language },
    { baseUrl: options.baseUrl },
  );
}

/**
 * A {@link MemberClient} over an existing session manager.
 *
 * @example
 * ```ts
 * const member = memberClient(new MemberSessionManager(http, { tokens }), { userKey });
 * ```
 */
export function memberClient(
  session: MemberSessionManager,
  cardOptions: CardClientOptions = {},
  eventsOptions: MemberEventsOptions = {},
): MemberClient {
  const card = createCardClient(session, cardOptions);
  const auditPage = async (query: AuditLogQuery = {}) =>
    parseResponse(auditLogSchema, await session.request(withQuery(AUDIT_PATH, query)), 'audit');
  return {
    session,
    card,
    cooperatives: createCooperativesClient(session),
    access: createAccessClient(session, card),
    meetings: createMeetingsClient(session),
    events: createEventsClient(session, eventsOptions),
    balances: createBalancesClient(session),
    dashboard: createDashboardClient(session),
    contributions: createContributionsClient(session),
    notifications: createNotificationsClient(session),
    activity: createActivityClient(session),
    recommendations: createRecommendationsClient(session),
    virtualCards: createVirtualCardsClient(session),
    sessions: {
      list: async () =>
        parseResponse(sessionListSchema, await session.request(SESSIONS_PATH), 'sessions').sessions,
      revoke: async (sessionId) => {
        await session.request(`${SESSIONS_PATH}/${encodeURIComponent(sessionId)}`, {
          method: 'DELETE',
        });
        if ((await session.current())?.session_id === sessionId) await session.forget();
      },
      revokeOthers: async () => {
        await session.request(SESSIONS_PATH, { method: 'DELETE' });
      },
    },
    audit: {
      list: async () => (await auditPage()).events,
      page: auditPage,
    },
    totp: {
      status: async () => parseResponse(totpStatusSchema, await session.request(TOTP_PATH), 'totp'),
      setup: (input) => startTotpSetup(session, input),
      confirm: (setupId, code) => confirmTotp(session, setupId, code),
      disable: async (factor) => {
        await session.request(`${TOTP_PATH}/disable`, {
          method: 'POST',
          body: wireFactor(factor),
        });
      },
      regenerateBackupCodes: (input) => regenerateBackupCodes(session, input),
    },
    changePassword: async (input) => {
      const userKey = input.userKey ?? cardOptions.userKey;
      if (!userKey) {
        throw new CardCoopError('UNAUTHORIZED', 'Locked: the user key is needed to re-wrap it.', {
          status: 0,
        });
      }
      return changePassword(session, { ...input, userKey });
    },
    recoveryKit: {
      status: () => recoveryKitStatus(session),
      confirm: () => confirmRecoveryKit(session),
      reissue: async (input) => {
        const userKey = input.userKey ?? cardOptions.userKey;
        if (!userKey) {
          throw new CardCoopError('UNAUTHORIZED', 'Locked: the user key is needed to wrap it.', {
            status: 0,
          });
        }
        return reissueRecoveryKit(session, { ...input, userKey });
      },
    },
    changeEmail: (input) => changeEmail(session, input),
    confirmEmailChange: (code) => confirmEmailChange(session, code),
    deletionStatus: () => deletionStatus(session),
    cancelDeletion: () => cancelDeletion(session),
    logout: () => session.logout(),
    stepUp: (input) => stepUp(session, input),
  };
}
