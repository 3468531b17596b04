// A test driver: the auth endpoints of the server, in memory, over the real OPAQUE server code.
// Every request body is checked against the contract, so a client that drifts from it fails.
import * as opaque from '@serenity-kit/opaque';
import {
  completeLoginSchema,
  completeRegistrationSchema,
  initiateLoginSchema,
  initiateRegistrationSchema,
  verifyEmailSchema,
} from '@cardcoop/contracts';
import type { Ksf, SymmetricEnvelope } from '@cardcoop/contracts';

export const EMAIL_CODE = '123456';

export interface FakeAccount {
  userId: string;
  registrationRecord: string;
  ksf: Ksf;
  wrappedUserKey: SymmetricEnvelope;
  recovery: { wrapped_user_key: SymmetricEnvelope; auth_hash: string };
  /** When set, complete-login wants this TOTP code (or a backup code from `backupCodes`). */
  totpCode?: string;
  backupCodes?: string[];
}

type Handler = (body: unknown) => { status: number; body: unknown };

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
  readonly accounts = new Map<string, FakeAccount>();
  /** Endpoint names in call order, e.g. `initiate-login`. */
  readonly calls: string[] = [];
  /** Rewrites the initiate-login answer (to play a misbehaving server). */
  answerLogin?: (answer: { login_id: string; login_response: string; ksf: Ksf }) => unknown;

  private readonly pendingRegistrations = new Map<string, { email: string; userId: string }>();
  private readonly logins = new Map<string, { email: string; serverLoginState: string }>();

  private constructor(readonly setup: string) {}

  static async start(): Promise<FakeAuthServer> {
    await opaque.ready;
    return new FakeAuthServer(opaque.server.createSetup());
  }

  get publicKey(): string {
    return opaque.server.getPublicKey(this.setup);
  }

  readonly fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const endpoint = String(url).replace(/^.*\/api\/v1\/auth\//, '');
    this.calls.push(endpoint);
    const handler = this.routes[endpoint];
    if (!handler) return json(404, errorBody(404, 'NOT_FOUND'));
    try {
      const { status, body } = handler(JSON.parse(String(init?.body)));
      return json(status, body);
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

  private readonly routes: Record<string, Handler> = {
    'initiate-registration': (body) => {
      parse(initiateRegistrationSchema, body);
      return ok({ status: 'code_sent', expires_in_seconds: 600, resend_after_seconds: 60 });
    },
    'verify-email': (raw) => {
      const body = parse(verifyEmailSchema, raw);
      if (body.code !== EMAIL_CODE) throw new HttpError(400, 'INVALID_CODE');
      const userId = globalThis.crypto.randomUUID();
      const token = globalThis.crypto.randomUUID();
      this.pendingRegistrations.set(token, { email: body.email, userId });
      const { registrationResponse } = opaque.server.createRegistrationResponse({
        serverSetup: this.setup,
        userIdentifier: userId,
        registrationRequest: body.registration_request,
      });
      return ok({
        registration_token: token,
        registration_response: registrationResponse,
        user_id: userId,
      });
    },
    'complete-registration': (raw) => {
      const body = parse(completeRegistrationSchema, raw);
      const pending = this.pendingRegistrations.get(body.registration_token);
      if (!pending) throw new HttpError(401, 'INVALID_TOKEN');
      this.pendingRegistrations.delete(body.registration_token);
      if (this.accounts.has(pending.email)) throw new HttpError(409, 'CONFLICT');
      this.accounts.set(pending.email, {
        userId: pending.userId,
        registrationRecord: body.registration_record,
        ksf: body.ksf,
        wrappedUserKey: body.wrapped_user_key,
        recovery: body.recovery,
      });
      return ok(tokens(pending.userId));
    },
    'initiate-login': (raw) => {
      const body = parse(initiateLoginSchema, raw);
      const account = this.accounts.get(body.email);
      const { serverLoginState, loginResponse } = opaque.server.startLogin({
        serverSetup: this.setup,
        registrationRecord: account?.registrationRecord ?? null,
        startLoginRequest: body.start_login_request,
        userIdentifier: account?.userId ?? `unknown:${body.email}`,
      });
      const loginId = globalThis.crypto.randomUUID();
      this.logins.set(loginId, { email: body.email, serverLoginState });
      const answer = {
        login_id: loginId,
        login_response: loginResponse,
        ksf: account?.ksf ?? {
          'argon2id-custom': { memory: 65536, iterations: 3, parallelism: 4 },
        },
      };
      return ok(this.answerLogin ? this.answerLogin(answer) : answer);
    },
    'complete-login': (raw) => {
      const body = parse(completeLoginSchema, raw);
      const login = this.logins.get(body.login_id);
      const account = login && this.accounts.get(login.email);
      if (!login || !account) throw new HttpError(401, 'LOGIN_EXPIRED');
      try {
        opaque.server.finishLogin({
          serverLoginState: login.serverLoginState,
          finishLoginRequest: body.finish_login_request,
        });
      } catch {
        this.logins.delete(body.login_id);
        throw new HttpError(401, 'INVALID_CREDENTIALS');
      }
      if (account.totpCode !== undefined) {
        const backupIndex = account.backupCodes?.indexOf(body.backup_code ?? '') ?? -1;
        if (body.totp_code === undefined && body.backup_code === undefined) {
          throw new HttpError(401, 'MFA_REQUIRED');
        }
        if (body.totp_code !== account.totpCode && backupIndex < 0) {
          throw new HttpError(401, 'INVALID_MFA_CODE');
        }
        if (backupIndex >= 0) account.backupCodes?.splice(backupIndex, 1);
      }
      this.logins.delete(body.login_id);
      return ok({ ...tokens(account.userId), wrapped_user_key: account.wrappedUserKey });
    },
  };
}

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

function tokens(userId: string) {
  return {
    access_token: `at.${globalThis.crypto.randomUUID()}`,
    token_type: 'Bearer',
    expires_in: 600,
    refresh_token: globalThis.crypto.randomUUID(),
    session_id: globalThis.crypto.randomUUID(),
    user_id: userId,
  };
}

function errorBody(statusCode: number, code: string) {
  return { statusCode, code, message: code, path: '/api/v1/auth', requestId: 'req-test' };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
