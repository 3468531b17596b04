// A test driver: the auth, session, TOTP, card, cooperative-account and sharing endpoints of the server,
// in memory, over the real OPAQUE server code. Every request body is checked against the contract, so a client that
// drifts from it fails. Codes are fixed: EMAIL_CODE for every e-mail, TOTP_CODE for the app.
import * as opaque from '@serenity-kit/opaque';
import { PublicKey } from '@wharfkit/antelope';
import {
  accountChallengeRequestSchema,
  accountProofPayload,
  addAccountSchema,
  CARD_SCHEMA,
  changeEmailConfirmSchema,
  changeEmailInitiateSchema,
  changePasswordCompleteSchema,
  changePasswordInitiateSchema,
  completeLoginSchema,
  completeRegistrationSchema,
  deletionConfirmSchema,
  emailOnlySchema,
  exchangeTicketSchema,
  initiateLoginSchema,
  initiateRegistrationSchema,
  prepareShareSchema,
  issueCardSchema,
  reauthStartSchema,
  recoveryCompleteSchema,
  recoveryVerifySchema,
  refreshTokenSchema,
  revertEmailSchema,
  secondFactorSchema,
  shareDataSchema,
  totpBackupCodesSchema,
  totpConfirmSchema,
  totpRevertSchema,
  totpSetupStartSchema,
  updateCardSchema,
  verifyEmailSchema,
} from '@cardcoop/contracts';
import type {
  CardAccount,
  DataKeyCertificate,
  Ksf,
  ShareEnvelope,
  StoredCard,
  SymmetricEnvelope,
} from '@cardcoop/contracts';
import { base64UrlDecode, base64UrlEncode } from '../crypto/encoding.js';
import { verifySignedObject } from '../crypto/k1-signature.js';

export const EMAIL_CODE = '123456';
/** The code the fake's "authenticator app" shows, once 2FA is on. */
export const TOTP_CODE = '424242';
export const ACCESS_TOKEN_SECONDS = 600;
export const REFRESH_GRACE_MS = 30_000;

const DEFAULT_KSF: Ksf = { 'argon2id-custom': { memory: 65536, iterations: 3, parallelism: 4 } };

export interface FakeAccount {
  email: string;
  userId: string;
  registrationRecord: string;
  ksf: Ksf;
  wrappedUserKey: SymmetricEnvelope;
  recovery: { wrapped_user_key: SymmetricEnvelope; auth_hash: string };
  /** When set, 2FA is on: this TOTP code (or a code from `backupCodes`) is wanted. */
  totpCode?: string;
  backupCodes?: string[];
  /** The `setup_id` of a TOTP secret made by setup (after a password proof), not confirmed yet. */
  pendingTotp?: string;
  deletionDueAt?: string;
  pendingEmail?: string;
}

export interface FakeSession {
  id: string;
  userId: string;
  deviceName: string | null;
  createdAt: number;
  lastUsedAt: number;
  revoked: boolean;
}

/** One request as the fake saw it. */
export interface FakeRequest {
  method: string;
  /** Path after `/api/v1/`, e.g. `auth/refresh-token`, `sessions`. */
  path: string;
  authorization: string | undefined;
  body: unknown;
}

interface Context {
  body: unknown;
  /** The authenticated member (member routes only). */
  member: { userId: string; sessionId: string; account: FakeAccount };
  /** The `:id` part of a path (`username/coopname` for get-encrypted-data). */
  param: string;
  authorization: string | undefined;
}

/** A cooperative registered as a client of the sharing flow. */
export interface FakeCoopClient {
  clientSecret: string;
  redirectUris: string[];
  /** Registered origins, for `web_message` shares (iframe, popup). */
  origins?: string[];
  certificate: DataKeyCertificate;
  /** SHA-256 hex of the data key, as the server shows it. */
  fingerprint: string;
  requestedFields: string[];
}

/** A stored share: one per (username, coopname). */
export interface FakeGrant {
  userId: string;
  username: string;
  coopname: string;
  envelope: ShareEnvelope;
  sharedAt: string;
  lastReadAt: string | null;
  readCount: number;
}

type Handler = (context: Context) => Promise<{ status: number; body?: unknown }>;

interface Route {
  member: boolean;
  handler: Handler;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details?: { path: string; code: string; message: string }[],
  ) {
    super(code);
  }
}

export class FakeAuthServer {
  /** By (current) e-mail. */
  readonly accounts = new Map<string, FakeAccount>();
  readonly sessions = new Map<string, FakeSession>();
  /** Endpoint names in call order: the path after `/api/v1/auth/` (or `/api/v1/`), prefixed
   * with the method unless it is POST, e.g. `initiate-login`, `GET sessions`. */
  readonly calls: string[] = [];
  readonly requests: FakeRequest[] = [];
  /** The server's clock (ms since the epoch); tests move it. */
  now: () => number = Date.now;
  /** Rewrites the initiate-login answer (to play a misbehaving server). */
  answerLogin?: (answer: { login_id: string; login_response: string; ksf: Ksf }) => unknown;
  /** Runs before a refresh is answered (to hold refreshes in flight). */
  beforeRefresh?: () => Promise<void>;
  /** Stored cards by user id; tests may tamper with them (meta, revision) to play a bad server. */
  readonly cards = new Map<string, StoredCard>();
  /** Cooperative accounts of all members. */
  readonly cardAccounts: (CardAccount & { userId: string })[] = [];
  /** Known cooperatives: coopname → display name. */
  readonly cooperatives = new Map<string, string>([['voskhod', 'ПК ВОСХОД']]);
  /** The `$id` announced by `GET card/schema`. */
  cardSchemaId: string = CARD_SCHEMA.$id;
  /** Usernames taken outside the fake's own accounts (e.g. on the chain): answered with 409. */
  usernameTaken?: (username: string) => boolean;
  /**
   * The chain, as the server sees it: the `owner`/`active` keys of an existing account, null for
   * none. An existing username needs one of its keys and a proof (else 409 / 422), as on the server.
   */
  chainAccountKeys?: (username: string) => string[] | null;
  /** Open account challenges: challenge → what it is bound to. */
  private readonly accountChallenges = new Map<
    string,
    { userId: string; coopname: string; username: string }
  >();
  /** Cooperatives as sharing clients, by coopname; tests register them. */
  readonly coopClients = new Map<string, FakeCoopClient>();
  /** Stored shares by `${username}@${coopname}`; tests may tamper with the envelopes. */
  readonly grants = new Map<string, FakeGrant>();
  private readonly tickets = new Map<
    string,
    { grantId: string; redirectUri: string; codeChallenge: string; spent: boolean }
  >();
  private readonly coopTokens = new Map<string, { grantId: string }>();
  /** Links mailed to old addresses after an e-mail change: token → change. */
  readonly revertTokens = new Map<string, { userId: string; oldEmail: string }>();
  /** The links mailed when 2FA was turned on (token → user id), each good once. */
  readonly totpRevertTokens = new Map<string, string>();

  private readonly pendingRegistrations = new Map<string, { email: string; userId: string }>();
  private readonly logins = new Map<string, { email: string; serverLoginState: string }>();
  private readonly reauths = new Map<string, { userId: string; serverLoginState: string }>();
  private readonly changes = new Map<string, { userId: string; serverLoginState: string }>();
  private readonly recoveries = new Map<string, { userId: string }>();
  private readonly accessTokens = new Map<
    string,
    { sessionId: string; userId: string; expiresAt: number }
  >();
  private readonly refreshTokens = new Map<
    string,
    { sessionId: string; spentAt?: number; successor?: string }
  >();

  private constructor(readonly setup: string) {}

  static async start(): Promise<FakeAuthServer> {
    await opaque.ready;
    return new FakeAuthServer(opaque.server.createSetup());
  }

  get publicKey(): string {
    return opaque.server.getPublicKey(this.setup);
  }

  /** The account of a user id. */
  account(userId: string): FakeAccount | undefined {
    return [...this.accounts.values()].find((account) => account.userId === userId);
  }

  /** Live sessions of a user. */
  liveSessions(userId: string): FakeSession[] {
    return [...this.sessions.values()].filter((s) => s.userId === userId && !s.revoked);
  }

  /** Checks a re-authentication (`reauth/initiate` then its finish), once: as the server does. */
  private provePassword(
    userId: string,
    proof: { reauth_id: string; finish_login_request: string },
  ): void {
    const reauth = this.reauths.get(proof.reauth_id);
    if (!reauth || reauth.userId !== userId) throw new HttpError(401, 'LOGIN_EXPIRED');
    this.reauths.delete(proof.reauth_id);
    this.finishLogin(reauth.serverLoginState, proof.finish_login_request);
  }

  /** Turns 2FA on for an account, as if set up and confirmed. */
  enableTotp(email: string, backupCodes: string[] = ['abcd-efgh']): void {
    const account = this.requireAccount(email);
    account.totpCode = TOTP_CODE;
    account.backupCodes = [...backupCodes];
  }

  readonly fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const path = String(url).replace(/^.*\/api\/v1\//, '');
    const endpoint = path.replace(/^auth\//, '');
    this.calls.push(method === 'POST' ? endpoint : `${method} ${endpoint}`);
    const headers = new Headers(init?.headers);
    const body: unknown = init?.body === undefined ? undefined : JSON.parse(String(init.body));
    const authorization = headers.get('authorization') ?? undefined;
    this.requests.push({ method, path, authorization, body });
    const [routeKey, param] = this.routeKey(method, path);
    const route = this.routes[routeKey];
    if (!route) return json(404, errorBody(404, 'NOT_FOUND'));
    try {
      const member = route.member ? this.authenticate(authorization) : undefined;
      const { status, body: answer } = await route.handler({
        body,
        member: member as Context['member'],
        param,
        authorization,
      });
      return answer === undefined ? new Response(null, { status }) : json(status, answer);
    } catch (error) {
      if (error instanceof HttpError) {
        return json(error.status, {
          ...errorBody(error.status, error.code),
          details: error.details,
        });
      }
      throw error;
    }
  }) as typeof globalThis.fetch;

  private routeKey(method: string, path: string): [string, string] {
    const match = /^sessions\/([^/]+)$/.exec(path);
    if (match) return [`${method} sessions/:id`, decodeURIComponent(match[1] ?? '')];
    const data = /^access\/get-encrypted-data\/([^/]+)\/([^/]+)$/.exec(path);
    if (data) {
      const [, username = '', coopname = ''] = data.map(decodeURIComponent);
      return [`${method} access/get-encrypted-data/:username/:coopname`, `${username}@${coopname}`];
    }
    const revoke = /^access\/([a-z1-5.]+)$/.exec(path);
    if (method === 'DELETE' && revoke) return ['DELETE access/:coopname', revoke[1] ?? ''];
    return [`${method} ${path}`, ''];
  }

  private authenticate(authorization: string | undefined): Context['member'] {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    if (!token) throw new HttpError(401, 'UNAUTHORIZED');
    const found = this.accessTokens.get(token);
    if (!found) throw new HttpError(401, 'INVALID_TOKEN');
    if (found.expiresAt <= this.now()) throw new HttpError(401, 'TOKEN_EXPIRED');
    const session = this.sessions.get(found.sessionId);
    if (!session || session.revoked) throw new HttpError(401, 'SESSION_REVOKED');
    session.lastUsedAt = this.now();
    const account = this.account(found.userId);
    if (!account) throw new HttpError(401, 'INVALID_TOKEN');
    return { userId: found.userId, sessionId: found.sessionId, account };
  }

  private requireAccount(email: string): FakeAccount {
    const account = this.accounts.get(email);
    if (!account) throw new Error(`no account ${email}`);
    return account;
  }

  /** A new session with its first token pair. */
  private openSession(userId: string, deviceName?: string) {
    const id = globalThis.crypto.randomUUID();
    this.sessions.set(id, {
      id,
      userId,
      deviceName: deviceName ?? null,
      createdAt: this.now(),
      lastUsedAt: this.now(),
      revoked: false,
    });
    return this.tokenPair(id, userId);
  }

  /** A fresh access token, with a new refresh token or (grace window) the one already issued. */
  private tokenPair(sessionId: string, userId: string, issued?: string) {
    const accessToken = `at.${globalThis.crypto.randomUUID()}`;
    const refreshToken = issued ?? `rt.${globalThis.crypto.randomUUID()}`;
    this.accessTokens.set(accessToken, {
      sessionId,
      userId,
      expiresAt: this.now() + ACCESS_TOKEN_SECONDS * 1000,
    });
    if (!issued) this.refreshTokens.set(refreshToken, { sessionId });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      session_id: sessionId,
      user_id: userId,
    };
  }

  private revokeSessions(userId: string, except?: string): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (session.userId === userId && !session.revoked && session.id !== except) {
        session.revoked = true;
        count++;
      }
    }
    return count;
  }

  /** 2FA check shared by login, password change, e-mail change, recovery and TOTP changes. */
  private checkSecondFactor(
    account: FakeAccount,
    factor: { totp_code?: string | undefined; backup_code?: string | undefined },
  ): void {
    if (account.totpCode === undefined) return;
    if (factor.totp_code === undefined && factor.backup_code === undefined) {
      throw new HttpError(401, 'MFA_REQUIRED');
    }
    const backupIndex = account.backupCodes?.indexOf(factor.backup_code ?? '') ?? -1;
    if (factor.totp_code !== account.totpCode && backupIndex < 0) {
      throw new HttpError(401, 'INVALID_MFA_CODE');
    }
    if (factor.totp_code === undefined && backupIndex >= 0) {
      account.backupCodes?.splice(backupIndex, 1);
    }
  }

  private startLogin(account: FakeAccount | undefined, startLoginRequest: string, id: string) {
    return opaque.server.startLogin({
      serverSetup: this.setup,
      registrationRecord: account?.registrationRecord ?? null,
      startLoginRequest,
      userIdentifier: account?.userId ?? `unknown:${id}`,
    });
  }

  /** Throws INVALID_CREDENTIALS when the client's proof does not verify. */
  private finishLogin(serverLoginState: string, finishLoginRequest: string): void {
    try {
      opaque.server.finishLogin({ serverLoginState, finishLoginRequest });
    } catch {
      throw new HttpError(401, 'INVALID_CREDENTIALS');
    }
  }

  private registrationResponse(userId: string, registrationRequest: string): string {
    return opaque.server.createRegistrationResponse({
      serverSetup: this.setup,
      userIdentifier: userId,
      registrationRequest,
    }).registrationResponse;
  }

  private readonly routes: Record<string, Route> = {
    'GET card/schema': publicRoute(async () => ok({ ...CARD_SCHEMA, $id: this.cardSchemaId })),
    'POST card/issue': memberRoute(async ({ member, body: raw }) => {
      const body = parse(issueCardSchema, raw);
      if (this.cards.has(member.userId)) throw new HttpError(409, 'CONFLICT');
      const card: StoredCard = {
        card_id: globalThis.crypto.randomUUID(),
        revision: 1,
        meta: body.meta,
        card: body.card,
        updated_at: new Date(this.now()).toISOString(),
      };
      this.cards.set(member.userId, card);
      return { status: 201, body: { card_id: card.card_id, revision: 1, status: 'issued' } };
    }),
    'GET card': memberRoute(async ({ member }) => {
      const card = this.cards.get(member.userId);
      if (!card) throw new HttpError(404, 'NOT_FOUND');
      return ok(card);
    }),
    'PUT card': memberRoute(async ({ member, body: raw }) => {
      const body = parse(updateCardSchema, raw);
      const card = this.cards.get(member.userId);
      if (!card) throw new HttpError(404, 'NOT_FOUND');
      if (card.revision !== body.expected_revision) throw new HttpError(409, 'CONFLICT');
      Object.assign(card, {
        revision: card.revision + 1,
        meta: body.meta,
        card: body.card,
        updated_at: new Date(this.now()).toISOString(),
      });
      return ok({ card_id: card.card_id, revision: card.revision });
    }),
    'POST card/account-challenge': memberRoute(async ({ member, body: raw }) => {
      const body = parse(accountChallengeRequestSchema, raw);
      const challenge = base64UrlEncode(globalThis.crypto.getRandomValues(new Uint8Array(32)));
      this.accountChallenges.set(challenge, { userId: member.userId, ...body });
      return { status: 201, body: { challenge, expires_in: 300 } };
    }),
    'POST card/add-account': memberRoute(async ({ member, body: raw }) => {
      const body = parse(addAccountSchema, raw);
      try {
        PublicKey.from(body.public_key);
      } catch {
        throw new HttpError(422, 'VALIDATION_FAILED');
      }
      const cooperativeName = this.cooperatives.get(body.coopname);
      if (cooperativeName === undefined) throw new HttpError(404, 'NOT_FOUND');
      const chainKeys = this.chainAccountKeys?.(body.username) ?? null;
      if (chainKeys && !chainKeys.includes(body.public_key)) {
        throw new HttpError(409, 'USERNAME_TAKEN');
      }
      if (chainKeys && !body.proof) throw new HttpError(422, 'VALIDATION_FAILED');
      if (body.proof) {
        const bound = this.accountChallenges.get(body.proof.challenge);
        this.accountChallenges.delete(body.proof.challenge);
        const signed = {
          payload: accountProofPayload({
            challenge: body.proof.challenge,
            coopname: body.coopname,
            username: body.username,
          }),
          public_key: body.public_key,
          signature: body.proof.signature,
        };
        if (
          bound?.userId !== member.userId ||
          bound.coopname !== body.coopname ||
          bound.username !== body.username ||
          !verifySignedObject(signed)
        ) {
          throw new HttpError(422, 'VALIDATION_FAILED');
        }
      }
      const taken =
        this.usernameTaken?.(body.username) === true ||
        this.cardAccounts.some((a) => a.username === body.username);
      const twice = this.cardAccounts.some(
        (a) => a.userId === member.userId && a.coopname === body.coopname,
      );
      if (twice) throw new HttpError(409, 'ACCOUNT_EXISTS');
      if (taken) throw new HttpError(409, 'USERNAME_TAKEN');
      const account = {
        id: globalThis.crypto.randomUUID(),
        coopname: body.coopname,
        cooperative_name: cooperativeName,
        username: body.username,
        public_key: body.public_key,
        encrypted_private_key: body.encrypted_private_key,
        membership: 'pending' as const,
        created_at: new Date(this.now()).toISOString(),
      };
      this.cardAccounts.push({ ...account, userId: member.userId });
      return { status: 201, body: account };
    }),
    'GET card/accounts': memberRoute(async ({ member }) =>
      ok({
        accounts: this.cardAccounts
          .filter((a) => a.userId === member.userId)
          .map(({ userId: _userId, ...account }) => account),
      }),
    ),
    'POST access/prepare-share-data': memberRoute(async ({ member, body: raw }) => {
      const { coopname } = parse(prepareShareSchema, raw);
      const client = this.coopClients.get(coopname);
      const account = this.cardAccounts.find(
        (a) => a.userId === member.userId && a.coopname === coopname,
      );
      if (!client || !account) throw new HttpError(404, 'NOT_FOUND');
      return ok({
        coopname,
        cooperative_name: account.cooperative_name,
        data_key: { certificate: client.certificate, fingerprint: client.fingerprint },
        username: account.username,
        membership: 'confirmed',
        requested_fields: client.requestedFields,
      });
    }),
    'POST access/share-data': memberRoute(async ({ member, body: raw }) => {
      const body = parse(shareDataSchema, raw);
      const client = this.coopClients.get(body.coopname);
      const account = this.cardAccounts.find(
        (a) => a.userId === member.userId && a.coopname === body.coopname,
      );
      if (!client || !account) throw new HttpError(404, 'NOT_FOUND');
      const registered =
        body.response_mode === 'web_message' ? (client.origins ?? []) : client.redirectUris;
      if (!registered.includes(body.redirect_uri)) {
        throw new HttpError(422, 'VALIDATION_FAILED');
      }
      const grantId = `${account.username}@${body.coopname}`;
      this.grants.set(grantId, {
        userId: member.userId,
        username: account.username,
        coopname: body.coopname,
        envelope: body.envelope,
        sharedAt: new Date(this.now()).toISOString(),
        lastReadAt: null,
        readCount: 0,
      });
      const ticket = base64UrlEncode(globalThis.crypto.getRandomValues(new Uint8Array(32)));
      this.tickets.set(ticket, {
        grantId,
        redirectUri: body.redirect_uri,
        codeChallenge: body.code_challenge,
        spent: false,
      });
      return {
        status: 201,
        body: { ticket, redirect_uri: body.redirect_uri, state: body.state, expires_in: 120 },
      };
    }),
    'GET access/list': memberRoute(async ({ member }) =>
      ok({
        grants: [...this.grants.values()]
          .filter((g) => g.userId === member.userId)
          .map((g) => ({
            coopname: g.coopname,
            cooperative_name: this.cooperatives.get(g.coopname) ?? g.coopname,
            username: g.username,
            shared_at: g.sharedAt,
            last_read_at: g.lastReadAt,
            read_count: g.readCount,
          })),
      }),
    ),
    'DELETE access/:coopname': memberRoute(async ({ member, param }) => {
      for (const [id, grant] of this.grants) {
        if (grant.userId === member.userId && grant.coopname === param) {
          // Its coop tokens now answer 403, as the server's do after a revoke.
          this.grants.delete(id);
        }
      }
      return noContent();
    }),
    'POST access/exchange-ticket': publicRoute(async ({ body: raw, authorization }) => {
      const basic = authorization?.startsWith('Basic ')
        ? new TextDecoder().decode(base64UrlDecode(toBase64Url(authorization.slice(6))))
        : '';
      const colon = basic.indexOf(':');
      const coopname = basic.slice(0, colon);
      const client = this.coopClients.get(coopname);
      if (colon < 0 || !client || client.clientSecret !== basic.slice(colon + 1)) {
        throw new HttpError(401, 'UNAUTHORIZED');
      }
      const body = parse(exchangeTicketSchema, raw);
      const ticket = this.tickets.get(body.ticket);
      const challenge = base64UrlEncode(
        new Uint8Array(
          await globalThis.crypto.subtle.digest(
            'SHA-256',
            new TextEncoder().encode(body.code_verifier),
          ),
        ),
      );
      const grant = ticket && this.grants.get(ticket.grantId);
      if (
        !ticket ||
        ticket.spent ||
        !grant ||
        grant.coopname !== coopname ||
        ticket.redirectUri !== body.redirect_uri ||
        ticket.codeChallenge !== challenge
      ) {
        throw new HttpError(400, 'INVALID_GRANT');
      }
      ticket.spent = true;
      const accessToken = `ct.${globalThis.crypto.randomUUID()}`;
      this.coopTokens.set(accessToken, { grantId: ticket.grantId });
      return ok({
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 900,
        username: grant.username,
        coopname,
      });
    }),
    'GET access/get-encrypted-data/:username/:coopname': publicRoute(
      async ({ param, authorization }) => {
        const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
        const scope = this.coopTokens.get(token);
        if (!scope) throw new HttpError(401, 'INVALID_TOKEN');
        const grant = this.grants.get(param);
        if (scope.grantId !== param || !grant) throw new HttpError(403, 'FORBIDDEN');
        grant.lastReadAt = new Date(this.now()).toISOString();
        grant.readCount += 1;
        const account = this.cardAccounts.find((a) => a.username === grant.username);
        return ok({
          username: grant.username,
          coopname: grant.coopname,
          envelope: grant.envelope,
          public_key: account?.public_key ?? '',
          shared_at: grant.sharedAt,
        });
      },
    ),
    'POST auth/initiate-registration': publicRoute(async ({ body }) => {
      parse(initiateRegistrationSchema, body);
      return ok(codeSent());
    }),
    'POST auth/verify-email': publicRoute(async ({ body: raw }) => {
      const body = parse(verifyEmailSchema, raw);
      if (body.code !== EMAIL_CODE) throw new HttpError(400, 'INVALID_CODE');
      const userId = globalThis.crypto.randomUUID();
      const token = globalThis.crypto.randomUUID();
      this.pendingRegistrations.set(token, { email: body.email, userId });
      return ok({
        registration_token: token,
        registration_response: this.registrationResponse(userId, body.registration_request),
        user_id: userId,
      });
    }),
    'POST auth/complete-registration': publicRoute(async ({ body: raw }) => {
      const body = parse(completeRegistrationSchema, raw);
      const pending = this.pendingRegistrations.get(body.registration_token);
      if (!pending) throw new HttpError(401, 'INVALID_TOKEN');
      this.pendingRegistrations.delete(body.registration_token);
      if (this.accounts.has(pending.email)) throw new HttpError(409, 'CONFLICT');
      this.accounts.set(pending.email, {
        email: pending.email,
        userId: pending.userId,
        registrationRecord: body.registration_record,
        ksf: body.ksf,
        wrappedUserKey: body.wrapped_user_key,
        recovery: body.recovery,
      });
      return { status: 201, body: this.openSession(pending.userId, body.device_name) };
    }),
    'POST auth/initiate-login': publicRoute(async ({ body: raw }) => {
      const body = parse(initiateLoginSchema, raw);
      const account = this.accounts.get(body.email);
      const { serverLoginState, loginResponse } = this.startLogin(
        account,
        body.start_login_request,
        body.email,
      );
      const loginId = globalThis.crypto.randomUUID();
      this.logins.set(loginId, { email: body.email, serverLoginState });
      const answer = {
        login_id: loginId,
        login_response: loginResponse,
        ksf: account?.ksf ?? DEFAULT_KSF,
      };
      return ok(this.answerLogin ? this.answerLogin(answer) : answer);
    }),
    'POST auth/complete-login': publicRoute(async ({ body: raw }) => {
      const body = parse(completeLoginSchema, raw);
      const login = this.logins.get(body.login_id);
      const account = login && this.accounts.get(login.email);
      if (!login || !account) throw new HttpError(401, 'LOGIN_EXPIRED');
      try {
        this.finishLogin(login.serverLoginState, body.finish_login_request);
      } catch (error) {
        this.logins.delete(body.login_id);
        throw error;
      }
      // MFA_REQUIRED / INVALID_MFA_CODE keep the login parked for another try.
      this.checkSecondFactor(account, body);
      this.logins.delete(body.login_id);
      return ok({
        ...this.openSession(account.userId, body.device_name),
        wrapped_user_key: account.wrappedUserKey,
      });
    }),
    'POST auth/refresh-token': publicRoute(async ({ body: raw }) => {
      const body = parse(refreshTokenSchema, raw);
      await this.beforeRefresh?.();
      const token = this.refreshTokens.get(body.refresh_token ?? '');
      if (!token) throw new HttpError(401, 'INVALID_TOKEN');
      const session = this.sessions.get(token.sessionId);
      if (!session || session.revoked) throw new HttpError(401, 'SESSION_REVOKED');
      if (token.successor === undefined) {
        const pair = this.tokenPair(session.id, session.userId);
        token.spentAt = this.now();
        token.successor = pair.refresh_token;
        return ok(pair);
      }
      // Spent: within the grace window, the same successor while it is unspent; else reuse.
      const successor = this.refreshTokens.get(token.successor);
      if (this.now() - token.spentAt! > REFRESH_GRACE_MS || successor?.spentAt !== undefined) {
        session.revoked = true;
        throw new HttpError(401, 'SESSION_REVOKED');
      }
      return ok(this.tokenPair(session.id, session.userId, token.successor));
    }),
    'POST auth/logout': memberRoute(async ({ member }) => {
      const session = this.sessions.get(member.sessionId);
      if (session) session.revoked = true;
      return noContent();
    }),
    'GET sessions': memberRoute(async ({ member }) =>
      ok({
        sessions: this.liveSessions(member.userId).map((session) => ({
          id: session.id,
          device_name: session.deviceName,
          created_at: new Date(session.createdAt).toISOString(),
          last_used_at: new Date(session.lastUsedAt).toISOString(),
          current: session.id === member.sessionId,
        })),
      }),
    ),
    'DELETE sessions': memberRoute(async ({ member }) => {
      this.revokeSessions(member.userId, member.sessionId);
      return noContent();
    }),
    'DELETE sessions/:id': memberRoute(async ({ member, param }) => {
      const session = this.sessions.get(param);
      if (!session || session.userId !== member.userId || session.revoked) {
        throw new HttpError(404, 'NOT_FOUND');
      }
      session.revoked = true;
      return noContent();
    }),
    'GET auth/totp': memberRoute(async ({ member }) =>
      ok({
        enabled: member.account.totpCode !== undefined,
        backup_codes_left: member.account.backupCodes?.length ?? 0,
      }),
    ),
    'POST auth/totp/setup': memberRoute(async ({ member, body: raw }) => {
      const body = parse(totpSetupStartSchema, raw);
      this.provePassword(member.userId, body);
      if (member.account.totpCode !== undefined) throw new HttpError(409, 'CONFLICT');
      member.account.pendingTotp = globalThis.crypto.randomUUID();
      const secret = 'JBSWY3DPEHPK3PXP';
      return ok({
        setup_id: member.account.pendingTotp,
        expires_in_seconds: 600,
        secret,
        otpauth_url: `otpauth://totp/card.coop:${member.account.email}?secret=${secret}`,
        qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      });
    }),
    'POST auth/totp/confirm': memberRoute(async ({ member, body: raw }) => {
      const body = parse(totpConfirmSchema, raw);
      if (!member.account.pendingTotp) throw new HttpError(409, 'CONFLICT');
      if (body.setup_id !== member.account.pendingTotp) {
        throw new HttpError(401, 'REAUTH_REQUIRED');
      }
      if (body.code !== TOTP_CODE) throw new HttpError(401, 'INVALID_MFA_CODE');
      delete member.account.pendingTotp;
      member.account.totpCode = TOTP_CODE;
      member.account.backupCodes = newBackupCodes();
      this.totpRevertTokens.set(globalThis.crypto.randomUUID(), member.userId);
      return ok({ backup_codes: [...member.account.backupCodes] });
    }),
    'POST auth/totp/disable': memberRoute(async ({ member, body: raw }) => {
      const body = parse(secondFactorSchema, raw);
      if (member.account.totpCode === undefined) throw new HttpError(409, 'CONFLICT');
      this.checkSecondFactor(member.account, body);
      delete member.account.totpCode;
      delete member.account.backupCodes;
      return noContent();
    }),
    'POST auth/totp/backup-codes': memberRoute(async ({ member, body: raw }) => {
      const body = parse(totpBackupCodesSchema, raw);
      this.provePassword(member.userId, body);
      if (member.account.totpCode === undefined) throw new HttpError(409, 'CONFLICT');
      this.checkSecondFactor(member.account, body);
      member.account.backupCodes = newBackupCodes();
      return ok({ backup_codes: [...member.account.backupCodes] });
    }),
    'POST auth/totp/revert': publicRoute(async ({ body: raw }) => {
      const body = parse(totpRevertSchema, raw);
      const userId = this.totpRevertTokens.get(body.token);
      const account = userId === undefined ? undefined : this.account(userId);
      if (!account || account.totpCode === undefined) throw new HttpError(401, 'INVALID_TOKEN');
      this.totpRevertTokens.delete(body.token);
      delete account.totpCode;
      delete account.backupCodes;
      this.revokeSessions(account.userId);
      return noContent();
    }),
    'POST auth/reauth/initiate': memberRoute(async ({ member, body: raw }) => {
      const body = parse(reauthStartSchema, raw);
      const { serverLoginState, loginResponse } = this.startLogin(
        member.account,
        body.start_login_request,
        member.userId,
      );
      const reauthId = globalThis.crypto.randomUUID();
      this.reauths.set(reauthId, { userId: member.userId, serverLoginState });
      return ok({ reauth_id: reauthId, login_response: loginResponse, ksf: member.account.ksf });
    }),
    'POST auth/change-password/initiate': memberRoute(async ({ member, body: raw }) => {
      const body = parse(changePasswordInitiateSchema, raw);
      const { serverLoginState, loginResponse } = this.startLogin(
        member.account,
        body.start_login_request,
        member.userId,
      );
      const changeId = globalThis.crypto.randomUUID();
      this.changes.set(changeId, { userId: member.userId, serverLoginState });
      return ok({
        change_id: changeId,
        login_response: loginResponse,
        registration_response: this.registrationResponse(member.userId, body.registration_request),
        ksf: member.account.ksf,
      });
    }),
    'POST auth/change-password/complete': memberRoute(async ({ member, body: raw }) => {
      const body = parse(changePasswordCompleteSchema, raw);
      const change = this.changes.get(body.change_id);
      if (!change || change.userId !== member.userId) throw new HttpError(401, 'LOGIN_EXPIRED');
      try {
        this.finishLogin(change.serverLoginState, body.finish_login_request);
      } catch (error) {
        this.changes.delete(body.change_id);
        throw error;
      }
      this.checkSecondFactor(member.account, body);
      this.changes.delete(body.change_id);
      Object.assign(member.account, {
        registrationRecord: body.registration_record,
        ksf: body.ksf,
        wrappedUserKey: body.wrapped_user_key,
      });
      const ended = body.end_other_sessions
        ? this.revokeSessions(member.userId, member.sessionId)
        : 0;
      return ok({ sessions_ended: ended });
    }),
    'POST auth/recovery/initiate': publicRoute(async ({ body }) => {
      parse(emailOnlySchema, body);
      return ok(codeSent());
    }),
    'POST auth/recovery/verify': publicRoute(async ({ body: raw }) => {
      const body = parse(recoveryVerifySchema, raw);
      const account = this.accounts.get(body.email);
      if (!account || body.code !== EMAIL_CODE) throw new HttpError(400, 'INVALID_CODE');
      const digest = await globalThis.crypto.subtle.digest(
        'SHA-256',
        base64UrlDecode(body.recovery_proof),
      );
      if (base64UrlEncode(new Uint8Array(digest)) !== account.recovery.auth_hash) {
        throw new HttpError(401, 'INVALID_RECOVERY_KEY');
      }
      // Nothing is spent before the second factor: verify is called again with it.
      this.checkSecondFactor(account, body);
      const recoveryId = globalThis.crypto.randomUUID();
      this.recoveries.set(recoveryId, { userId: account.userId });
      return ok({
        recovery_id: recoveryId,
        user_id: account.userId,
        recovery_wrapped_user_key: account.recovery.wrapped_user_key,
        registration_response: this.registrationResponse(account.userId, body.registration_request),
      });
    }),
    'POST auth/recovery/complete': publicRoute(async ({ body: raw }) => {
      const body = parse(recoveryCompleteSchema, raw);
      const recovery = this.recoveries.get(body.recovery_id);
      const account = recovery && this.account(recovery.userId);
      if (!recovery || !account) throw new HttpError(401, 'INVALID_TOKEN');
      this.recoveries.delete(body.recovery_id);
      Object.assign(account, {
        registrationRecord: body.registration_record,
        ksf: body.ksf,
        wrappedUserKey: body.wrapped_user_key,
        recovery: body.recovery,
      });
      this.revokeSessions(account.userId);
      return ok(this.openSession(account.userId, body.device_name));
    }),
    'POST auth/deletion/initiate': publicRoute(async ({ body }) => {
      parse(emailOnlySchema, body);
      return ok(codeSent());
    }),
    'POST auth/deletion/confirm': publicRoute(async ({ body: raw }) => {
      const body = parse(deletionConfirmSchema, raw);
      const account = this.accounts.get(body.email);
      if (!account || body.code !== EMAIL_CODE) throw new HttpError(400, 'INVALID_CODE');
      account.deletionDueAt = new Date(this.now() + 72 * 3600 * 1000).toISOString();
      return ok({ deletion_due_at: account.deletionDueAt });
    }),
    'DELETE auth/deletion': memberRoute(async ({ member }) => {
      if (!member.account.deletionDueAt) throw new HttpError(404, 'NOT_FOUND');
      delete member.account.deletionDueAt;
      return noContent();
    }),
    'POST auth/change-email/initiate': memberRoute(async ({ member, body: raw }) => {
      const body = parse(changeEmailInitiateSchema, raw);
      const reauth = this.reauths.get(body.reauth_id);
      if (!reauth || reauth.userId !== member.userId) throw new HttpError(401, 'LOGIN_EXPIRED');
      try {
        this.finishLogin(reauth.serverLoginState, body.finish_login_request);
      } catch (error) {
        this.reauths.delete(body.reauth_id);
        throw error;
      }
      this.checkSecondFactor(member.account, body);
      this.reauths.delete(body.reauth_id);
      member.account.pendingEmail = body.new_email;
      return ok(codeSent());
    }),
    'POST auth/change-email/confirm': memberRoute(async ({ member, body: raw }) => {
      const body = parse(changeEmailConfirmSchema, raw);
      const { account } = member;
      if (!account.pendingEmail || body.code !== EMAIL_CODE) {
        throw new HttpError(400, 'INVALID_CODE');
      }
      const oldEmail = account.email;
      this.accounts.delete(oldEmail);
      account.email = account.pendingEmail;
      delete account.pendingEmail;
      this.accounts.set(account.email, account);
      this.revertTokens.set(globalThis.crypto.randomUUID(), { userId: account.userId, oldEmail });
      return noContent();
    }),
    'POST auth/change-email/revert': publicRoute(async ({ body: raw }) => {
      const body = parse(revertEmailSchema, raw);
      const revert = this.revertTokens.get(body.token);
      const account = revert && this.account(revert.userId);
      if (!revert || !account) throw new HttpError(401, 'INVALID_TOKEN');
      this.revertTokens.delete(body.token);
      this.accounts.delete(account.email);
      account.email = revert.oldEmail;
      this.accounts.set(account.email, account);
      // Whoever changed the address may hold a session: all of them end.
      this.revokeSessions(account.userId);
      return noContent();
    }),
  };
}

const publicRoute = (handler: Handler): Route => ({ member: false, handler });
const memberRoute = (handler: Handler): Route => ({ member: true, handler });

interface Schema<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: { path: PropertyKey[]; code: string; message: string }[] };
      };
}

function parse<T>(schema: Schema<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new HttpError(
    422,
    'VALIDATION_FAILED',
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
      message: issue.message,
    })),
  );
}

const ok = (body: unknown) => ({ status: 200, body });
const noContent = () => ({ status: 204 });
const codeSent = () => ({
  status: 'code_sent',
  expires_in_seconds: 600,
  resend_after_seconds: 60,
});

function newBackupCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const hex = globalThis.crypto.randomUUID().replace(/-/g, '');
    return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
  });
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function errorBody(statusCode: number, code: string) {
  return { statusCode, code, message: code, path: '/api/v1', requestId: 'req-test' };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
