// Shared by the specs (excluded from the build).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { sandboxClient } from './client.js';
import type { AiforySandboxOptions } from './options.js';
import { startAiforySandbox } from './sandbox.js';
import type { AiforySandbox } from './sandbox.js';

export const KEY = 'test-key';
export const SECRET = 'test-secret';
export const HOOK_SECRET = 'hook-secret';
export const usd = (amount: number) => ({ amount, currency: 'USD' });

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.();
});

/** A sandbox closed after the test, with a signed client. */
export async function sandboxFor(options: Partial<AiforySandboxOptions> = {}) {
  const sandbox: AiforySandbox = await startAiforySandbox({
    apiKey: KEY,
    apiSecret: SECRET,
    webhookBackoffMs: [10, 20],
    ...options,
  });
  open.push(() => sandbox.close());
  return { sandbox, call: sandboxClient(sandbox.url, KEY, SECRET) };
}

export interface Received {
  body: string;
  signature: string | undefined;
}

/** A webhook endpoint that answers `statuses` in turn (then 200) and keeps what it got. */
export async function webhookReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const queue = [...statuses];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: req.headers['signature'] as string | undefined,
      });
      res.statusCode = queue.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

/** Orders a card through the API and returns its id. */
export async function orderCard(
  call: ReturnType<typeof sandboxClient>,
  request_id: string,
  initial?: number,
) {
  const { status, body } = await call('cards/order', {
    request_id,
    offer_id: 'offer_usd_virtual',
    holder_name: 'Ivan Petrov',
    external_ref: 'member-1',
    ...(initial === undefined ? {} : { initial_amount: usd(initial) }),
  });
  if (status !== 200) throw new Error(`order failed: ${JSON.stringify(body)}`);
  return body.result.card_id as string;
}
