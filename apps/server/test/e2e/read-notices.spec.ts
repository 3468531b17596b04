import { notificationListSchema } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadNotices } from '../../src/modules/access/read-notices.js';
import {
  confirmedMember,
  shareAndRead,
  sharingCooperative,
  sweepReadNotices,
} from '../support/business-scene.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let credentials: string;
const HOUR = 3_600_000;
const sweepAt = (now: Date) => server.app.get(ReadNotices).sweep(now);

async function readNotices(token: string) {
  const response = await fetch(`${server.url}/api/v1/notifications`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return notificationListSchema
    .parse(await response.json())
    .notifications.filter((notice) => notice.type === 'grant.read');
}

beforeAll(async () => {
  server = await startTestApp();
  credentials = await sharingCooperative(server, 'readnotices');
});
afterAll(() => server?.close());

describe('read notices (the audit log swept, at most once a day per grant)', () => {
  it('tell the member of the reads after they settle, once a day, never on the read itself', async () => {
    const anna = await confirmedMember(
      server,
      credentials,
      'readnotices',
      'anna@reads.example',
      'readannaanna',
    );
    const { read } = await shareAndRead(server, credentials, anna.token, 'readnotices', 3);
    expect(await readNotices(anna.token)).toHaveLength(0);
    // Reads younger than the settling time wait for the next sweep.
    expect(await sweepAt(new Date())).toBe(0);
    expect(await sweepReadNotices(server)).toBe(1);
    const [notice] = await readNotices(anna.token);
    expect(notice).toMatchObject({ coopname: 'readnotices', display_name: 'ПК readnotices' });

    await read();
    expect(await sweepReadNotices(server)).toBe(0); // noticed less than a day ago
    await read();
    expect(await sweepReadNotices(server, 25 * HOUR)).toBe(1);
    expect(await readNotices(anna.token)).toHaveLength(2);
  });

  it('notices each grant once when sweeps run at the same time (as on two nodes)', async () => {
    const members = await Promise.all(
      ['boris', 'vera', 'gleb'].map((name) =>
        confirmedMember(
          server,
          credentials,
          'readnotices',
          `${name}@reads.example`,
          `read${name}`.padEnd(12, 'x'),
        ),
      ),
    );
    for (const member of members)
      await shareAndRead(server, credentials, member.token, 'readnotices', 2);
    const now = new Date(Date.now() + 11_000);
    const told = await Promise.all([sweepAt(now), sweepAt(now), sweepAt(now)]);
    expect(told.reduce((sum, count) => sum + count, 0)).toBe(3);
    for (const member of members) expect(await readNotices(member.token)).toHaveLength(1);
  });
});
