import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAdmission } from './admission.js';

/** A bare Fastify with the admission hook, a route held until `release`, and a quick one. */
async function serve(maxInFlight: number) {
  const fastify = Fastify();
  const registry = new Registry();
  registerAdmission(fastify, maxInFlight, registry);
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived = 0;
  fastify.get('/held', async () => {
    arrived += 1;
    await released;
    return { held: true };
  });
  fastify.get('/quick', async () => ({ quick: true }));
  fastify.get('/health/live', async () => ({ status: 'ok' }));
  fastify.setErrorHandler((error: { statusCode?: number }, _request, reply) =>
    reply.status(error.statusCode ?? 500).send({}),
  );
  const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  const refused = async () =>
    (await registry.getSingleMetric('http_requests_refused_overload_total')?.get())?.values[0]
      ?.value;
  return { fastify, url, release, arrivedCount: () => arrived, refused };
}

const waitFor = async (condition: () => boolean) => {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(condition()).toBe(true);
};

describe('registerAdmission', () => {
  let fastify: FastifyInstance | undefined;
  afterEach(async () => {
    await fastify?.close();
    fastify = undefined;
  });

  it('frees the slot of a request whose client went away', async () => {
    const node = await serve(1);
    fastify = node.fastify;
    const abort = new AbortController();
    const held = fetch(`${node.url}/held`, { signal: abort.signal }).catch(() => 'aborted');
    await waitFor(() => node.arrivedCount() === 1);
    expect((await fetch(`${node.url}/quick`)).status).toBe(503);
    abort.abort();
    expect(await held).toBe('aborted');
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt += 1) {
      status = (await fetch(`${node.url}/quick`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toBe(200);
    expect(await node.refused()).toBeGreaterThanOrEqual(1);
    node.release();
  });

  it('never refuses health probes, and does nothing with a limit of 0', async () => {
    const full = await serve(1);
    fastify = full.fastify;
    const held = fetch(`${full.url}/held`);
    await waitFor(() => full.arrivedCount() === 1);
    expect((await fetch(`${full.url}/health/live`)).status).toBe(200);
    full.release();
    expect((await held).status).toBe(200);
    await full.fastify.close();

    const open = await serve(0);
    fastify = open.fastify;
    const many = Array.from({ length: 20 }, () => fetch(`${open.url}/held`));
    await waitFor(() => open.arrivedCount() === 20);
    open.release();
    expect((await Promise.all(many)).map((response) => response.status)).toEqual(
      Array(20).fill(200),
    );
    expect(await open.refused()).toBeUndefined();
  });
});
