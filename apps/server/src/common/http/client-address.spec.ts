import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.schema.js';
import { clientAddressOf } from './client-address.js';

const TRUST_PROXY = ['false', 'true', '1', '2', '127.0.0.1', '10.0.0.0/8, 127.0.0.0/8', '::1'];
const FORWARDED = [
  undefined,
  '',
  '203.0.113.5',
  '203.0.113.5, 10.0.0.1',
  '198.51.100.7,203.0.113.5 , 10.1.2.3',
  'not-an-ip, 10.1.2.3',
];
const PEERS = ['127.0.0.1', '::ffff:127.0.0.1', '10.9.9.9', '::1', '192.0.2.1'];

describe('clientAddressOf', () => {
  it('finds the address Fastify gives as request.ip, for every TRUST_PROXY form', async () => {
    let cases = 0;
    for (const value of TRUST_PROXY) {
      const { trustProxy } = parseConfig({ NODE_ENV: 'test', TRUST_PROXY: value });
      const addressOf = clientAddressOf(trustProxy);
      const fastify = Fastify({ trustProxy });
      fastify.get('/', (request) => ({ fastify: request.ip, ours: addressOf(request.raw) }));
      for (const remoteAddress of PEERS) {
        for (const forwarded of FORWARDED) {
          const answer = await fastify.inject({
            url: '/',
            remoteAddress,
            headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
          });
          const { fastify: expected, ours } = answer.json<{ fastify: string; ours: string }>();
          expect(ours, `TRUST_PROXY=${value} peer ${remoteAddress} XFF ${forwarded}`).toBe(
            expected,
          );
          cases += 1;
        }
      }
      await fastify.close();
    }
    expect(cases).toBe(TRUST_PROXY.length * PEERS.length * FORWARDED.length);
  });

  it('takes the forwarded address only from a trusted proxy', () => {
    const request = (remoteAddress: string) =>
      ({
        socket: { remoteAddress },
        headers: { 'x-forwarded-for': '203.0.113.5' },
      }) as never;
    const behindBalancer = clientAddressOf(['10.0.0.0/8']);
    expect(behindBalancer(request('10.0.0.2'))).toBe('203.0.113.5');
    expect(behindBalancer(request('192.0.2.1'))).toBe('192.0.2.1');
    expect(clientAddressOf(false)(request('10.0.0.2'))).toBe('10.0.0.2');
  });
});
