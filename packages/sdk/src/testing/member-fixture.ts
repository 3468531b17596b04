// Shared set-up of the member-side specs: a registered account on a fake server.
import type { Ksf } from '@cardcoop/contracts';
import type { MemberSession } from '../auth/common.js';
import { login } from '../auth/login.js';
import { inThreadOpaque } from '../auth/opaque-runner.js';
import type { OpaqueRunner } from '../auth/opaque-runner.js';
import type { LoginInput } from '../auth/login.js';
import { completeRegistration } from '../auth/registration.js';
import type { RegistrationResult } from '../auth/registration.js';
import { CardCoopError } from '../errors.js';
import { HttpClient } from '../http.js';
import { EMAIL_CODE, FakeAuthServer } from './fake-auth-server.js';

export const CHEAP_KSF: Ksf = {
  'argon2id-custom': { memory: 8192, iterations: 1, parallelism: 1 },
};
export const EMAIL = 'ann@example.org';
export const PASSWORD = 'correct horse battery staple';
export const BASE_URL = 'https://id.example';

export interface Fixture {
  server: FakeAuthServer;
  http: HttpClient;
  registered: RegistrationResult;
  /** A shared clock for the server and the SDK (ms since the epoch); tests move it. */
  clock: { now: number };
}

export async function registeredMember(email = EMAIL, password = PASSWORD): Promise<Fixture> {
  const server = await FakeAuthServer.start();
  const clock = { now: Date.UTC(2026, 0, 1) };
  server.now = () => clock.now;
  const http = new HttpClient({ baseUrl: BASE_URL, fetch: server.fetch });
  const registered = await completeRegistration(http, {
    email,
    code: EMAIL_CODE,
    password,
    ksf: CHEAP_KSF,
  });
  return { server, http, registered, clock };
}

export async function signIn(
  http: HttpClient,
  input: Partial<LoginInput> = {},
): Promise<MemberSession> {
  const outcome = await login(http, { email: EMAIL, password: PASSWORD, ...input });
  if (outcome.status !== 'authenticated')
    throw new Error(`expected a session, got ${outcome.status}`);
  return outcome.session;
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
