import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../config/config.schema.js';
import { generateSecrets } from '../../infra/secrets/secrets.js';
import { TokenService } from './token.service.js';

const tokens = async () =>
  new TokenService(await generateSecrets(), {
    tokenIssuer: 'https://card.coop.test',
  } as Config);
const claims = {
  sub: 'user-1',
  sid: 'session-1',
  aud: 'member' as const,
  scope: 'card',
  amr: ['pwd'],
};
const code = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'verified',
    (error: { code?: string }) => error.code,
  );

describe('TokenService.verify', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a token seen before from memory, still checking its audience', async () => {
    const service = await tokens();
    const token = await service.sign(claims);
    const first = await service.verify(token, 'member');
    expect(await service.verify(token, 'member')).toBe(first);
    expect(first).toMatchObject({ sub: 'user-1', sid: 'session-1' });
    expect(await code(service.verify(token, 'coop'))).toBe('INVALID_TOKEN');
  });

  it('refuses a remembered token once it has expired, and a tampered copy of it at once', async () => {
    const service = await tokens();
    const token = await service.sign(claims, 60);
    await service.verify(token, 'member');
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await code(service.verify(`${header}.${payload}.${flipped}`, 'member'))).toBe(
      'INVALID_TOKEN',
    );
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    expect(await code(service.verify(token, 'member'))).toBe('TOKEN_EXPIRED');
    expect(await code(service.verify(token, 'member'))).toBe('TOKEN_EXPIRED');
  });
});
