// Shared set-up of the SDK specs that speak HTTP: the real server in this process (startTestApp:
// PGlite and the in-process cache, or PostgreSQL and Redis when TEST_DATABASE_URL/TEST_REDIS_URL
// are set), a new member per test, and the wire between them. The wire records what the SDK sent
// and lets a test hold, drop or rewrite a request or an answer, to play an unreachable or a
// misbehaving server; the server behind it is always the real one.
import * as opaque from '@serenity-kit/opaque';
import { vi } from 'vitest';
import { cooperativeCreatedSchema } from '@cardcoop/contracts';
import type { CreateCooperative, Ksf, TokenResponse } from '@cardcoop/contracts';
import {
  latestCode,
  mailsTo as mailsToAddress,
  POLICY_VERSION,
  TEST_KSF,
} from '../../../../apps/server/test/support/raw-member.js';
import { startTestApp } from '../../../../apps/server/test/support/test-app.js';
export { sweepReadNotices } from '../../../../apps/server/test/support/business-scene.js';
import type { TestApp, TestAppOptions } from '../../../../apps/server/test/support/test-app.js';
import { base32Decode, codeAt, stepAt } from '../../../../apps/server/src/modules/totp/totp.js';
import type { MemberSession } from '../auth/common.js';
import { login } from '../auth/login.js';
import type { LoginInput } from '../auth/login.js';
import { inThreadOpaque } from '../auth/opaque-runner.js';
import type { OpaqueRunner } from '../auth/opaque-runner.js';
import { completeRegistration, startRegistration } from '../auth/registration.js';
import type { CompleteRegistrationInput, RegistrationResult } from '../auth/registration.js';
import { CardCoopError } from '../errors.js';
import { HttpClient } from '../http.js';
import { createMemberClient } from '../member/member-client.js';

export type { TestApp } from '../../../../apps/server/test/support/test-app.js';
/** The privacy policy version the server asks new members to accept. */
export { POLICY_VERSION };

/** Cheap argon2id: the protocol is the same, the cost is not. */
export const CHEAP_KSF: Ksf = TEST_KSF;
export const PASSWORD = 'correct horse battery staple';

/**
 * The real server on a random port, with X-Forwarded-For trusted: each wire comes from an address
 * of its own, so the per-IP limits of one test never reach another.
 */
export function startServer(options: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp({ ...options, env: { TRUST_PROXY: 'true', ...options.env } });
}

/** The server's OPAQUE public key, as registration and login report it. */
export async function serverPublicKey(server: TestApp): Promise<string> {
  await opaque.ready;
  return opaque.server.getPublicKey(server.secrets.opaqueServerSetup);
}

/** The key of another OPAQUE setup: a server that is not the pinned one. */
export async function otherServerPublicKey(): Promise<string> {
  await opaque.ready;
  return opaque.server.getPublicKey(opaque.server.createSetup());
}

const run = globalThis.crypto.randomUUID().slice(0, 8);
let made = 0;

/** An address no other test of the file uses. */
export function uniqueEmail(name = 'member'): string {
  made += 1;
  return `${name}.${run}.${made}@coop.example`;
}

/** One request as it went to the server. */
export interface SentRequest {
  method: string;
  /** Path after `/api/v1/` (or `/`), e.g. `auth/refresh-token`, `.well-known/opaque-public-key`. */
  path: string;
  authorization: string | undefined;
  body: unknown;
  /** The server's answer, once it came. */
  status?: number;
}

/**
 * Runs before a request goes out: returns nothing to send it on (after waiting, to hold it), a
 * Response to answer in the server's place, or throws as an unreachable server does.
 */
export type Interceptor = (request: SentRequest) => Promise<Response | void> | Response | void;

let wires = 0;

/**
 * The network between one device and the server. Endpoints are named by the path after
 * `/api/v1/auth/` (or `/api/v1/`), prefixed with the method unless it is POST: `initiate-login`,
 * `GET sessions`, `PUT card`.
 */
export class Wire {
  /** Endpoints the server was asked, in order. */
  readonly calls: string[] = [];
  readonly requests: SentRequest[] = [];
  private readonly interceptors = new Map<string, Interceptor>();
  private readonly rewrites = new Map<string, (body: never) => unknown>();
  /** The device's address, as X-Forwarded-For tells the server. */
  readonly ip: string;

  constructor() {
    wires += 1;
    this.ip = `10.${(wires >> 16) & 255}.${(wires >> 8) & 255}.${wires & 255}`;
  }

  readonly fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init.method ?? 'GET';
    const path = url.pathname.replace(/^\/(api\/v1\/)?/, '');
    const headers = new Headers(init.headers);
    const request: SentRequest = {
      method,
      path,
      authorization: headers.get('authorization') ?? undefined,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    const name = endpoint(method, path);
    const stand = await this.interceptors.get(name)?.(request);
    if (stand) return stand;
    this.calls.push(name);
    this.requests.push(request);
    headers.set('x-forwarded-for', this.ip);
    const response = await globalThis.fetch(url, { ...init, headers });
    request.status = response.status;
    const rewrite = this.rewrites.get(name);
    if (!rewrite || !response.ok) return response;
    return Response.json(rewrite((await response.json()) as never), { status: response.status });
  };

  /** Intercepts every request to an endpoint (see {@link Interceptor}); undefined stops. */
  intercept(name: string, interceptor: Interceptor | undefined): void {
    if (interceptor) this.interceptors.set(name, interceptor);
    else this.interceptors.delete(name);
  }

  /** Rewrites the server's successful JSON answers of an endpoint; undefined stops. */
  rewrite<T>(name: string, change: ((body: T) => unknown) | undefined): void {
    if (change) this.rewrites.set(name, change);
    else this.rewrites.delete(name);
  }

  /** Forgets the calls and requests so far. */
  reset(): void {
    this.calls.length = 0;
    this.requests.length = 0;
  }
}

function endpoint(method: string, path: string): string {
  const name = path.replace(/^auth\//, '');
  return method === 'POST' ? name : `${method} ${name}`;
}

export interface Fixture {
  server: TestApp;
  email: string;
  password: string;
  wire: Wire;
  /** The device's transport, over {@link wire}. */
  http: HttpClient;
  registered: RegistrationResult;
  /** The device's clock (ms since the epoch) for the SDK's `now`; tests move it. */
  clock: { now: number };
}

/** A member registered through the SDK on its own device (wire); the wire is reset after. */
export async function registeredMember(server: TestApp): Promise<Fixture> {
  const email = uniqueEmail();
  const wire = new Wire();
  const http = new HttpClient({ baseUrl: server.url, fetch: wire.fetch });
  const registered = await register(server, http, { email, password: PASSWORD, ksf: CHEAP_KSF });
  wire.reset();
  return {
    server,
    email,
    password: PASSWORD,
    wire,
    http,
    registered,
    clock: { now: Date.now() },
  };
}

/** Both steps of registration through the SDK, with the code the server mailed. */
export async function register(
  server: TestApp,
  http: HttpClient,
  input: Omit<CompleteRegistrationInput, 'code'>,
): Promise<RegistrationResult> {
  await startRegistration(http, { email: input.email, privacyVersion: POLICY_VERSION });
  return completeRegistration(http, { ...input, code: await latestCode(server.url, input.email) });
}

/** The latest 6-digit code mailed to an address. */
export const mailedCode = (server: TestApp, email: string): Promise<string> =>
  latestCode(server.url, email);

/** The mails sent to an address, newest first. */
export const mailsTo = (server: TestApp, email: string) => mailsToAddress(server.url, email);

/** The `token` of the newest link to `path` (e.g. `/id/revert-email`) mailed to an address. */
export async function mailedToken(server: TestApp, email: string, path: string): Promise<string> {
  for (const mail of await mailsTo(server, email)) {
    const token = new RegExp(`${path}\\?token=([\\w.-]+)`).exec(mail.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no ${path} link mailed to ${email}`);
}

/** Logs the fixture's member in on its device; throws unless a session comes back. */
export async function signIn(
  fixture: Fixture,
  input: Partial<LoginInput> = {},
): Promise<MemberSession> {
  const outcome = await login(fixture.http, {
    email: fixture.email,
    password: fixture.password,
    ...input,
  });
  if (outcome.status !== 'authenticated')
    throw new Error(`expected a session, got ${outcome.status}`);
  return outcome.session;
}

/**
 * Whether the session of `tokens` is live, asked by the test itself (off the wire): `LIVE`, or
 * the code a request with its access token gets (`SESSION_REVOKED`).
 */
export async function sessionStatus(server: TestApp, tokens: TokenResponse): Promise<string> {
  const response = await globalThis.fetch(`${server.url}/api/v1/sessions`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  return response.ok ? 'LIVE' : ((await response.json()) as { code: string }).code;
}

/** The code of the CardCoopError a promise rejects with. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CardCoopError)) {
    throw new Error(`expected a CardCoopError, got ${String(error)}`);
  }
  return error.code;
}

/** Counts the argon2id runs (finishRegistration / finishLogin). */
export function countingRunner() {
  const counts = { finishLogin: 0, finishRegistration: 0 };
  const runner: OpaqueRunner = {
    ...inThreadOpaque,
    finishLogin: (input) => {
      counts.finishLogin++;
      return inThreadOpaque.finishLogin(input);
    },
    finishRegistration: (input) => {
      counts.finishRegistration++;
      return inThreadOpaque.finishRegistration(input);
    },
  };
  return { counts, runner };
}

/**
 * Moves the clock of this process forward, the in-process server's included: token expiry, grace
 * windows and TOTP steps pass without waiting. {@link restoreTime} after the test.
 */
export function advanceTime(ms: number): void {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.now() + ms);
}

export function restoreTime(): void {
  vi.useRealTimers();
}

const STEP_MS = 30_000;

/**
 * The member's authenticator app. The server takes each time step once (replay guard), and the
 * steps next to the current one (drift): each code is of a step not used yet, and when the next
 * one is more than a step ahead the clock moves ({@link advanceTime}) instead of the test waiting.
 */
export class Authenticator {
  private last = Number.NEGATIVE_INFINITY;
  private readonly secret: Uint8Array;

  constructor(secret: string) {
    this.secret = base32Decode(secret);
  }

  /** A code the server accepts now, once. */
  next(): string {
    const now = stepAt(Date.now() / 1000);
    const step = Math.max(this.last + 1, now);
    if (step > now + 1) advanceTime((step - now - 1) * STEP_MS);
    this.last = step;
    return codeAt(this.secret, step);
  }

  /** A well-formed code that is not valid now. */
  wrong(): string {
    const now = stepAt(Date.now() / 1000);
    const valid = new Set([-2, -1, 0, 1, 2].map((offset) => codeAt(this.secret, now + offset)));
    let code = 0;
    while (valid.has(String(code).padStart(6, '0'))) code += 1;
    return String(code).padStart(6, '0');
  }
}

/** Turns 2FA on for the fixture's member through the SDK: its app and the ten backup codes. */
export async function enableTotp(
  fixture: Fixture,
): Promise<{ app: Authenticator; backupCodes: string[] }> {
  const member = createMemberClient({
    baseUrl: fixture.server.url,
    fetch: fixture.wire.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
  });
  try {
    const setup = await member.totp.setup({ password: fixture.password });
    const app = new Authenticator(setup.secret);
    const { backup_codes } = await member.totp.confirm(setup.setup_id, app.next());
    return { app, backupCodes: backup_codes };
  } finally {
    member.session.close();
  }
}

/** Registers a cooperative through the admin API; answers its client secret. */
export async function registerCooperative(
  server: TestApp,
  input: Partial<CreateCooperative> & Pick<CreateCooperative, 'coopname' | 'display_name'>,
): Promise<string> {
  const response = await globalThis.fetch(`${server.url}/api/v1/admin/cooperatives`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${server.secrets.adminApiKey}`,
    },
    body: JSON.stringify(input),
  });
  if (response.status !== 201)
    throw new Error(`admin/cooperatives: ${response.status} ${await response.text()}`);
  return cooperativeCreatedSchema.parse(await response.json()).client_secret;
}
