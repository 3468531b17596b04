import { CardCoopError, createClient, HttpClient } from '@cardcoop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('SDK against a running server', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('reads readiness', async () => {
    const client = createClient({ baseUrl: server.url });
    expect(await client.health.ready()).toEqual({
      status: 'ready',
      checks: { database: 'up', cache: 'up' },
    });
  });

  it('turns the server error body into a CardCoopError with the same code, in the chosen language', async () => {
    const http = new HttpClient({ baseUrl: server.url, language: 'en' });
    const error = (await http
      .request('/api/v1/no-such-thing')
      .catch((e: unknown) => e)) as CardCoopError;
    expect(error).toBeInstanceOf(CardCoopError);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.message).toBe('Nothing was found at this address.');
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
