import { createClient } from '@cardcoop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/environment.js';
import { initiateLogin, loginRaw, POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** The value of one sample line of /metrics, e.g. `auth_login_events_total{event="failed"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

// The metrics deploy/observability/alerts.yml needs beyond the request histogram and job counters:
// login events (failure spikes, lockouts) and the pool's size (saturation).
describe('metrics behind the alert rules', () => {
  let server: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestApp({ env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await server.close();
    await sink.close();
  });

  const metrics = async () => (await fetch(`${server.url}/metrics`)).text();
  const logins = (text: string, event: string) =>
    sample(text, `auth_login_events_total{event="${event}"}`);

  it('counts logins started, succeeded, failed (proof refused) and locked out', async () => {
    const client = createClient({ baseUrl: server.url, language: 'en' });
    const email = 'metrics.member@coop.example';
    const password = 'a password for the metrics 2026';
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    await client.auth.completeRegistration({
      email,
      code: await sink.nextCode(email),
      password,
      ksf: TEST_KSF,
      deviceName: 'vitest',
    });
    expect((await client.auth.login({ email, password })).status).toBe('authenticated');
    // The SDK sees a wrong password itself and sends no proof: started, never failed.
    const local = await client.auth.login({ email, password: 'wrong' }).catch((e: unknown) => e);
    expect(local).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    // An attacker's forged proofs from another client (an IP, no device token): refused.
    for (let round = 0; round < 4; round += 1)
      expect((await loginRaw(server.url, email, 'wrong')).response.status).toBe(401);
    // That client's fifth unproven round within the hour locks it out (login-lockout.ts).
    expect((await initiateLogin(server.url, email, 'wrong')).response.status).toBe(429);

    const text = await metrics();
    expect(logins(text, 'started')).toBe(6);
    expect(logins(text, 'succeeded')).toBe(1);
    expect(logins(text, 'failed')).toBe(4);
    expect(logins(text, 'locked')).toBe(1);
  });

  it('exposes the pool size next to its open, idle and waiting connections', async () => {
    const text = await metrics();
    // The test database's pool (test-database.ts: 5) with PostgreSQL; PGlite is one connection.
    const expected = testDatabaseUrl ? 5 : 1;
    expect(sample(text, 'db_pool_connections_max')).toBe(expected);
    const total = sample(text, 'db_pool_connections_total') ?? -1;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(expected);
  });
});
