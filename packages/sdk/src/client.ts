import type { CodeSent, Readiness } from '@cardcoop/contracts';
import { login } from './auth/login.js';
import type { LoginInput, LoginOutcome } from './auth/login.js';
import { completeRegistration, startRegistration } from './auth/registration.js';
import type {
  CompleteRegistrationInput,
  RegistrationResult,
  StartRegistrationInput,
} from './auth/registration.js';
import { HttpClient } from './http.js';
import type { HttpOptions } from './http.js';

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
 * ```
 */
export interface CardCoopClient {
  readonly health: {
    /** Whether the server is ready for traffic; answers (does not throw) when it is not. */
    ready(): Promise<Readiness>;
  };
  /** Registration and login; see {@link startRegistration}, {@link completeRegistration}, {@link login}. */
  readonly auth: {
    startRegistration(input: StartRegistrationInput): Promise<CodeSent>;
    completeRegistration(input: CompleteRegistrationInput): Promise<RegistrationResult>;
    login(input: LoginInput): Promise<LoginOutcome>;
  };
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
  return {
    health: {
      ready: () => http.request<Readiness>('/health/ready', { acceptStatus: [503] }),
    },
    auth: {
      startRegistration: (input) => startRegistration(http, input),
      completeRegistration: (input) => completeRegistration(http, input),
      login: (input) => login(http, input),
    },
  };
}
