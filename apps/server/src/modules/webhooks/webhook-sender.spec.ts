import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebhook } from './webhook-sender.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function receiver(handler: RequestListener): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://localhost:${(server.address() as AddressInfo).port}/hook`;
}

const send = (url: string, allowPrivate = true, timeoutMs = 1000) =>
  sendWebhook(url, { 'webhook-id': 'evt_1' }, '{"type":"webhook.test"}', {
    timeoutMs,
    allowPrivate,
  });

describe('sendWebhook', () => {
  it('posts the JSON body with the headers; a 2xx is success', async () => {
    let got = '';
    const url = await receiver((request, response) => {
      request.on('data', (chunk: Buffer) => (got += chunk.toString()));
      request.on('end', () => response.writeHead(204).end());
      expect(request.headers['webhook-id']).toBe('evt_1');
      expect(request.headers['content-type']).toBe('application/json');
    });
    expect(await send(url)).toEqual({ statusCode: 204, error: null });
    expect(got).toBe('{"type":"webhook.test"}');
  });

  it('does not follow redirects, and keeps at most 200 characters of a failed answer', async () => {
    const url = await receiver((_request, response) =>
      response.writeHead(302, { location: 'http://127.0.0.1:1/' }).end('x'.repeat(10_000)),
    );
    const result = await send(url);
    expect(result.statusCode).toBe(302);
    expect(result.error).toMatch(/^HTTP 302: x+$/);
    expect(result.error!.length).toBeLessThanOrEqual('HTTP 302: '.length + 200);
  });

  it('gives up on an answer slower than the timeout', async () => {
    const url = await receiver(() => undefined);
    expect(await send(url, true, 100)).toEqual({
      statusCode: null,
      error: 'timed out after 100 ms',
    });
  });

  it('refuses to connect to a name that resolves to a private address, unless allowed', async () => {
    let calls = 0;
    const url = await receiver((_request, response) => {
      calls += 1;
      response.writeHead(200).end();
    });
    const refused = await send(url, false);
    expect(refused.statusCode).toBeNull();
    expect(refused.error).toMatch(/private address/);
    expect(calls).toBe(0);
    expect((await send(url, true)).statusCode).toBe(200);
  });
});
