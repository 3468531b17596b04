import { describe, expect, it } from 'vitest';
import { sandboxClient } from './client.js';
import { main, optionsFromEnv } from './main.js';

describe('aifory sandbox: CLI', () => {
  it('names the missing variables and checks the port', () => {
    expect(() => optionsFromEnv({})).toThrow('set AIFORY_API_KEY, AIFORY_API_SECRET');
    expect(() =>
      optionsFromEnv({ AIFORY_API_KEY: 'k', AIFORY_API_SECRET: 's', AIFORY_SANDBOX_PORT: 'x' }),
    ).toThrow(/port/);
  });

  it('reads the environment', () => {
    const options = optionsFromEnv({
      AIFORY_API_KEY: 'k',
      AIFORY_API_SECRET: 's',
      AIFORY_SANDBOX_PORT: '0',
      AIFORY_WEBHOOK_URL: 'http://127.0.0.1:3000/api/v1/aifory/webhook',
      AIFORY_WEBHOOK_SECRET: 'w',
      AIFORY_SANDBOX_DEPOSITS: 'async',
    });
    expect(options).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      apiKey: 'k',
      apiSecret: 's',
      webhookUrl: 'http://127.0.0.1:3000/api/v1/aifory/webhook',
      webhookSecret: 'w',
      depositSettlement: 'async',
      controlApi: true,
    });
    const defaults = optionsFromEnv({
      AIFORY_API_KEY: 'k',
      AIFORY_API_SECRET: 's',
      AIFORY_SANDBOX_CONTROL_API: 'false',
    });
    expect(defaults).toMatchObject({
      port: 4010,
      depositSettlement: 'immediate',
      controlApi: false,
    });
    expect(defaults).not.toHaveProperty('webhookUrl');
  });

  it('starts a sandbox that answers signed calls and stops it', async () => {
    const writes: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) =>
      writes.push(chunk) > 0) as typeof process.stdout.write;
    let close: (() => Promise<void>) | undefined;
    try {
      close = await main({ AIFORY_API_KEY: 'k', AIFORY_API_SECRET: 's', AIFORY_SANDBOX_PORT: '0' });
      const url = /on (http:\/\/\S+)/.exec(writes.join(''))?.[1] ?? '';
      const answer = await sandboxClient(url, 'k', 's')('account/balance');
      expect(answer.status).toBe(200);
    } finally {
      await close?.();
      process.stdout.write = write;
    }
    expect(writes.join('')).toContain('"event":"request"');
  });
});
