import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gate, ProbeModule, probe } from '../support/probe.module.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const refusedCount = async (url: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^http_requests_refused_overload_total (\S+)$/m.exec(text)?.[1]);
};

describe('per-node admission (MAX_IN_FLIGHT)', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ features: [ProbeModule], env: { MAX_IN_FLIGHT: '2' } });
  });
  afterAll(async () => {
    probe.gate.open();
    await server.close();
  });

  it('refuses requests beyond the limit at once with 503 and Retry-After, serves the others', async () => {
    probe.gate = new Gate();
    const slow = () => fetch(`${server.url}/api/v1/probe/slow`);
    // Two fill the node and wait at the gate.
    const admitted = [slow(), slow()];
    await probe.gate.started;
    while ((await fetch(`${server.url}/api/v1/probe/boom`)).status !== 503) {
      // The second may still be on its way in; the probe is refused once both are in.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const before = await refusedCount(server.url);

    const started = performance.now();
    const refused = await Promise.all([slow(), slow(), slow()]);
    const elapsedMs = performance.now() - started;
    for (const response of refused) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect((await response.json()).code).toBe('SERVICE_UNAVAILABLE');
    }
    // Refused without waiting for the requests in flight (which wait for the gate).
    expect(elapsedMs).toBeLessThan(1000);
    expect(await refusedCount(server.url)).toBe(before + 3);

    // Probes and scrapes pass while the node is full.
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);

    probe.gate.open();
    for (const response of await Promise.all(admitted)) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ finished: true });
    }
    // Their slots are free again.
    probe.gate = new Gate();
    probe.gate.open();
    const again = await Promise.all([slow(), slow()]);
    expect(again.map((response) => response.status)).toEqual([200, 200]);
  });
});
