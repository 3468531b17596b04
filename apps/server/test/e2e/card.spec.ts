import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_SCHEMA_ID, storedCardSchema } from '@cardcoop/contracts';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

const meta = {
  version: 1,
  schema: CARD_SCHEMA_ID,
  kind: 'individual' as const,
};
const send = (method: string, token: string, body?: unknown) =>
  fetch(`${server.url}/api/v1/card`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('card schema', () => {
  it('is public, versioned, and offers the three kinds of card', async () => {
    const response = await fetch(`${server.url}/api/v1/card/schema`);
    expect(response.status).toBe(200);
    const schema = (await response.json()) as { $id: string; oneOf: unknown[] };
    expect(schema.$id).toBe(CARD_SCHEMA_ID);
    expect(schema.oneOf).toHaveLength(3);
    expect(JSON.stringify(schema)).toContain('"inn"');
  });
});

describe('card vault', () => {
  it('issues one card per member, returns it, and refuses a second one', async () => {
    const { tokens } = await registerRaw(server.url, 'card.owner@coop.example', 'card password');
    expect((await send('GET', tokens.access_token)).status).toBe(404);
    const issued = await post(
      server.url,
      '/api/v1/card/issue',
      { card: fakeEnvelope('card v1'), meta },
      tokens.access_token,
    );
    expect(issued.status).toBe(201);
    const { card_id, revision } = (await issued.json()) as { card_id: string; revision: number };
    expect(revision).toBe(1);
    const again = await post(
      server.url,
      '/api/v1/card/issue',
      { card: fakeEnvelope('another'), meta },
      tokens.access_token,
    );
    expect(again.status).toBe(409);
    const stored = storedCardSchema.parse(await (await send('GET', tokens.access_token)).json());
    expect(stored).toMatchObject({ card_id, revision: 1, meta, card: fakeEnvelope('card v1') });
  });

  it('detects concurrent edits: a write on a stale revision is refused and changes nothing', async () => {
    const { tokens } = await registerRaw(server.url, 'two.devices@coop.example', 'two devices');
    await post(
      server.url,
      '/api/v1/card/issue',
      { card: fakeEnvelope('v1'), meta },
      tokens.access_token,
    );
    const [a, b] = await Promise.all([
      send('PUT', tokens.access_token, {
        expected_revision: 1,
        card: fakeEnvelope('from phone'),
        meta,
      }),
      send('PUT', tokens.access_token, {
        expected_revision: 1,
        card: fakeEnvelope('from laptop'),
        meta,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'from phone' : 'from laptop';
    const stored = storedCardSchema.parse(await (await send('GET', tokens.access_token)).json());
    expect(stored.revision).toBe(2);
    expect(stored.card).toEqual(fakeEnvelope(winner));
    const next = await send('PUT', tokens.access_token, {
      expected_revision: 2,
      card: fakeEnvelope('v3'),
      meta,
    });
    expect(await next.json()).toMatchObject({ revision: 3 });
  });

  it('answers a retried write that did happen with its result, and audits every change once', async () => {
    const { tokens } = await registerRaw(server.url, 'retry.card@coop.example', 'retry card');
    const issue = { card: fakeEnvelope('first'), meta };
    const issued = await post(server.url, '/api/v1/card/issue', issue, tokens.access_token);
    // The answer was lost; the client sends the same issue again.
    const reissued = await post(server.url, '/api/v1/card/issue', issue, tokens.access_token);
    expect(reissued.status).toBe(201);
    expect(await reissued.json()).toEqual(await issued.json());
    const write = { expected_revision: 1, card: fakeEnvelope('second'), meta };
    const first = await send('PUT', tokens.access_token, write);
    const retried = await send('PUT', tokens.access_token, write);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual(await first.json());
    // A different write on the same stale revision is still a conflict.
    const other = await send('PUT', tokens.access_token, { ...write, card: fakeEnvelope('other') });
    expect(other.status).toBe(409);
    const events = (await (
      await fetch(`${server.url}/api/v1/audit`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    ).json()) as { events: { type: string; data: Record<string, unknown> }[] };
    const cardEvents = events.events.filter((event) => event.type.startsWith('card.'));
    expect(cardEvents.map((event) => [event.type, event.data])).toEqual([
      ['card.updated', { revision: 2 }],
      ['card.issued', { kind: 'individual' }],
    ]);
  });

  it("never shows one member another member's card", async () => {
    const owner = await registerRaw(server.url, 'private.card@coop.example', 'private card');
    const other = await registerRaw(server.url, 'nosy@coop.example', 'nosy member');
    await post(
      server.url,
      '/api/v1/card/issue',
      { card: fakeEnvelope('secret card'), meta },
      owner.tokens.access_token,
    );
    expect((await send('GET', other.tokens.access_token)).status).toBe(404);
    const overwrite = await send('PUT', other.tokens.access_token, {
      expected_revision: 1,
      card: fakeEnvelope('x'),
      meta,
    });
    expect(overwrite.status).toBe(404);
    expect(
      storedCardSchema.parse(await (await send('GET', owner.tokens.access_token)).json()).card,
    ).toEqual(fakeEnvelope('secret card'));
  });

  it('refuses malformed envelopes and metadata (422), oversized bodies (413) and anonymous calls (401)', async () => {
    const { tokens } = await registerRaw(server.url, 'malformed.card@coop.example', 'malformed');
    const bad = [
      { card: { ...fakeEnvelope('x'), alg: 'A128CBC' }, meta },
      { card: { ...fakeEnvelope('x'), iv: 'short' }, meta },
      { card: fakeEnvelope('x'), meta: { ...meta, kind: 'robot' } },
      { card: fakeEnvelope('x'), meta: { ...meta, version: 0 } },
      { card: 'plaintext card', meta },
    ];
    for (const body of bad) {
      const response = await post(server.url, '/api/v1/card/issue', body, tokens.access_token);
      expect(response.status).toBe(422);
      expect((await response.json()).code).toBe('VALIDATION_FAILED');
    }
    const huge = { card: { ...fakeEnvelope('x'), ct: 'A'.repeat(1_200_000) }, meta };
    expect((await post(server.url, '/api/v1/card/issue', huge, tokens.access_token)).status).toBe(
      413,
    );
    expect((await send('GET', tokens.access_token)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/card`)).status).toBe(401);
  });
});
