import { aiforySignature } from '@cardcoop/contracts';

export interface SandboxCallResult {
  status: number;
  // The envelope as it came; callers parse it with the contracts schemas.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * A bare signed client for tests and manual runs (the server has its own provider): POSTs
 * `body` to `${url}/${path}` with `API-Key` and `Signature`.
 *
 * @example
 * const call = sandboxClient(sandbox.url, 'key', 'secret');
 * const { body } = await call('cards/offers', {});
 */
export function sandboxClient(url: string, apiKey: string, apiSecret: string) {
  return async (
    path: string,
    body: unknown = {},
    init: { signal?: AbortSignal; method?: string } = {},
  ): Promise<SandboxCallResult> => {
    const raw = init.method === 'GET' ? '' : JSON.stringify(body);
    const response = await fetch(`${url}/${path}`, {
      method: init.method ?? 'POST',
      headers: {
        'Content-Type': 'application/json',
        'API-Key': apiKey,
        Signature: await aiforySignature(raw, apiSecret),
      },
      ...(init.method === 'GET' ? {} : { body: raw }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    return { status: response.status, body: await response.json() };
  };
}
