import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainAndClose } from '../../src/infra/lifecycle/shutdown.js';
import { Gate, probe } from '../support/probe.module.js';
import { ProbeModule } from '../support/probe.module.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('graceful shutdown', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ features: [ProbeModule], env: { SHUTDOWN_DRAIN_MS: '300' } });
  });
  afterAll(async () => {
    // drainAndClose already closed the app; only the database is left.
    await server.close().catch(() => {});
  });

  it('reports 503 while draining and lets an in-flight request finish', async () => {
    probe.gate = new Gate();
    const inFlight = fetch(`${server.url}/api/v1/probe/slow`);
    await probe.gate.started;

    let closed = false;
    const closing = drainAndClose(server.app, server.config.shutdown).then(() => (closed = true));
    const readiness = await fetch(`${server.url}/health/ready`);
    expect(readiness.status).toBe(503);
    expect((await readiness.json()).status).toBe('draining');

    // Past the drain period the server is closing, but waits for the request it is serving.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(closed).toBe(false);
    probe.gate.open();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await closing;
    await expect(fetch(`${server.url}/health/live`)).rejects.toThrow();
  });
});
