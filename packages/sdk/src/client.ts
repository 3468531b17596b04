import type { Readiness } from '@cardcoop/contracts';
import { HttpClient } from './http.js';
import type { HttpOptions } from './http.js';

export type ClientOptions = HttpOptions;

/**
 * The card.coop client. Resources are added feature by feature.
 *
 * @example
 * ```ts
 * const client = createClient({ baseUrl: 'https://id.card.coop', language: 'en' });
 * const { status } = await client.health.ready();
 * ```
 */
export interface CardCoopClient {
  readonly health: {
    /** Whether the server is ready for traffic; answers (does not throw) when it is not. */
    ready(): Promise<Readiness>;
  };
}

export function createClient(options: ClientOptions): CardCoopClient {
  const http = new HttpClient(options);
  return {
    health: {
      ready: () => http.request<Readiness>('/health/ready', { acceptStatus: [503] }),
    },
  };
}
