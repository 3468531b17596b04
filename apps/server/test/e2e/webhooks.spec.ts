import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { Checksum256, PrivateKey, PublicKey, Signature } from '@wharfkit/antelope';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  notificationListSchema,
  webhookDeliveryPageSchema,
  webhookEndpointListSchema,
  webhookEndpointWithSecretSchema,
  webhookPublicKeySchema,
} from '@cardcoop/contracts';
import type { WebhookDelivery } from '@cardcoop/contracts';
import { canonicalize } from '@cardcoop/sdk';
import { verifyWebhook, verifyWebhookK1 } from '@cardcoop/sdk/coop';
import { parseConfig } from '../../src/config/config.schema.js';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { addAccount, basic, call, PAYMENT_DETAILS } from '../support/coop-fixture.js';
import { mailsTo, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { changeSessions } from '../support/staff-fixture.js';
import { shareDataBody } from '../support/raw-share.js';

/** What the receiver got: every request, answered or not. */
interface Received {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** 'ok' (200), 'error' (500), 'gone' (410) or 'held' (no answer before the server's timeout). */
  answer: 'ok' | 'error' | 'gone' | 'held';
}

const TIMEOUT_MS = 400;

/**
 * A cooperative's receiver on a free local port: fails its first two calls with 500, holds the
 * third longer than the server waits, then answers 200 to everything.
 */
async function flakyReceiver(
  script: Received['answer'][] = ['error', 'error', 'held'],
  then: Received['answer'] = 'ok',
) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const answer = script[received.length] ?? then;
      received.push({
        id: String(request.headers['webhook-id']),
        headers: request.headers,
        body,
        answer,
      });
      if (answer === 'held') setTimeout(() => response.destroy(), TIMEOUT_MS * 3);
      else response.writeHead({ ok: 200, error: 500, gone: 410 }[answer]).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/cardcoop`,
    received,
    /** Ids the receiver accepted, deduplicated as a receiver does, in the order first accepted. */
    accepted: () => [...new Set(received.filter((r) => r.answer === 'ok').map((r) => r.id))],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Receiver = Awaited<ReturnType<typeof flakyReceiver>>;

let server: TestApp;
let receiver: Receiver;
let other: Receiver;
const credentials: Record<string, string> = {};
const staff: Record<'owner' | 'viewer' | 'zaryaOwner', { token: string; userId: string }> = {
  owner: { token: '', userId: '' },
  viewer: { token: '', userId: '' },
  zaryaOwner: { token: '', userId: '' },
};
const CALLBACK = 'https://voskhod.example/callback';
const bearer = (token: string) => `Bearer ${token}`;
/** The primary, its rows untyped (each query says what it reads). */
const db = () =>
  server.app.get<Database>(DATABASE).primary as unknown as {
    execute(query: SQL): Promise<{ rows: unknown[] }>;
  };
const hooks = (coopname: string, rest = '') => `/business/cooperatives/${coopname}/webhooks${rest}`;
const b64 = (bytes: Buffer) => bytes.toString('base64url');

async function staffMember(name: string, coopname: string, role: string) {
  const { tokens, userId } = await registerRaw(server.url, `${name}@hooks.example`, `${name} pw`);
  await db().execute(
    sql`insert into cooperative_staff (coopname, user_id, role) values (${coopname}, ${userId}, ${role})`,
  );
  return { token: tokens.access_token as string, userId: userId as string };
}

/** The cooperative's certified data key, so members can share with it. */
async function publishKey(coopname: string) {
  const signer = PrivateKey.generate('K1');
  const payload = {
    coopname,
    kid: 'k1',
    public_key: b64(randomBytes(32)),
    created_at: '2026-11-22T00:00:00Z',
  };
  const signature = signer
    .signDigest(Checksum256.hash(new TextEncoder().encode(canonicalize(payload))))
    .toString();
  const response = await fetch(`${server.url}/api/v1/coop/data-key`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: credentials[coopname]! },
    body: JSON.stringify({ payload, public_key: signer.toPublic().toString(), signature }),
  });
  expect(response.status).toBe(204);
}

async function share(token: string, coopname: string) {
  const { body } = shareDataBody(coopname, CALLBACK);
  const response = await post(server.url, '/api/v1/access/share-data', body, token);
  expect(response.status).toBe(201);
}

async function createEndpoint(coopname: string, token: string, url: string, events?: string[]) {
  const response = await call(server, 'POST', hooks(coopname), bearer(token), {
    url,
    events: events ?? [
      'grant.created',
      'grant.revoked',
      'account.opened',
      'account.closed',
      'membership.changed',
      'payment.confirmed',
    ],
  });
  expect(response.status).toBe(201);
  return webhookEndpointWithSecretSchema.parse(response.body);
}

async function deliveriesOf(
  coopname: string,
  endpointId: string,
  token = staff.owner.token,
): Promise<WebhookDelivery[]> {
  const response = await call(
    server,
    'GET',
    hooks(coopname, `/${endpointId}/deliveries?limit=100`),
    bearer(token),
  );
  expect(response.status).toBe(200);
  return webhookDeliveryPageSchema.parse(response.body).deliveries;
}

/** Waits until every delivery of the endpoint is delivered (the job queue polls on its own). */
async function settled(coopname: string, endpointId: string, count: number, token?: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const deliveries = await deliveriesOf(coopname, endpointId, token);
    if (deliveries.length >= count && deliveries.every((d) => d.status !== 'pending'))
      return deliveries;
    if (Date.now() > deadline)
      throw new Error(`not settled: ${JSON.stringify(deliveries.map((d) => d.status))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  server = await startTestApp({
    env: {
      WEBHOOK_ALLOW_PRIVATE_TARGETS: '1',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_RETRY_DELAYS_MS: '50,50,50,50,50,50',
    },
  });
  const cooperatives = server.app.get(CooperativesService);
  for (const coopname of ['voskhod', 'zarya']) {
    const { clientSecret } = await cooperatives.create({
      coopname,
      displayName: coopname,
      redirectUris: [CALLBACK],
      origins: [new URL(CALLBACK).origin],
    });
    credentials[coopname] = basic(coopname, clientSecret);
  }
  await publishKey('voskhod');
  staff.owner = await staffMember('owner', 'voskhod', 'owner');
  staff.viewer = await staffMember('viewer', 'voskhod', 'viewer');
  staff.zaryaOwner = await staffMember('zowner', 'zarya', 'owner');
  receiver = await flakyReceiver();
  other = await flakyReceiver([]);
});
afterAll(async () => {
  await server.close();
  await receiver.close();
  await other.close();
});

describe('webhooks to a cooperative: signed, retried, exactly once by id, in order per member', () => {
  it('delivers every event of the cooperative once by id, in order per member, signed', async () => {
    const endpoint = await createEndpoint('voskhod', staff.owner.token, receiver.url);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const zaryaEndpoint = await createEndpoint('zarya', staff.zaryaOwner.token, other.url);
    // The secret is shown once: the list never carries it.
    const listed = await call(server, 'GET', hooks('voskhod'), bearer(staff.viewer.token));
    expect(listed.status).toBe(200);
    const endpoints = webhookEndpointListSchema.parse(listed.body).endpoints;
    expect(endpoints.map((e) => e.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');

    // Anna: opens an account, is confirmed, shares, pays, revokes, closes, leaves.
    const anna = (await registerRaw(server.url, 'anna@hooks.example', 'anna pw')).tokens
      .access_token as string;
    const boris = (await registerRaw(server.url, 'boris@hooks.example', 'boris pw')).tokens
      .access_token as string;
    await addAccount(server, anna, { coopname: 'voskhod', username: 'annahooksvsk' });
    await addAccount(server, boris, { coopname: 'voskhod', username: 'borishooksvs' });
    await addAccount(server, boris, { coopname: 'zarya', username: 'borishookszr' });
    const voskhod = credentials.voskhod!;
    expect((await call(server, 'PUT', '/coop/memberships/annahooksvsk', voskhod)).status).toBe(204);
    expect((await call(server, 'PUT', '/coop/memberships/borishooksvs', voskhod)).status).toBe(204);
    await share(anna, 'voskhod');
    expect(
      (await call(server, 'PUT', '/coop/payment-details', voskhod, PAYMENT_DETAILS)).status,
    ).toBe(204);
    const request = {
      username: 'annahooksvsk',
      kind: 'share_contribution',
      amount: { amount: 150_000, currency: 'RUB' },
      due_date: '2099-01-31',
      purpose: 'Паевой взнос',
    };
    expect(
      (await call(server, 'PUT', '/coop/payment-requests/req-1', voskhod, request)).status,
    ).toBe(200);
    const paid = await call(server, 'POST', '/coop/payment-requests/req-1/confirm', voskhod, {
      payment_id: 'pay-1',
      paid_at: '2026-12-01T10:00:00.000+03:00',
      amount: { amount: 150_000, currency: 'RUB' },
    });
    expect(paid.status).toBe(200);
    expect((await call(server, 'DELETE', '/access/voskhod', bearer(anna))).status).toBe(204);
    expect(
      (await call(server, 'POST', '/card/close-account', bearer(anna), { coopname: 'voskhod' }))
        .status,
    ).toBe(204);
    expect((await call(server, 'DELETE', '/coop/memberships/annahooksvsk', voskhod)).status).toBe(
      204,
    );

    const events = (
      await db().execute(
        sql`select id, type, payload from webhook_events where coopname = 'voskhod' order by created_at, id`,
      )
    ).rows as { id: string; type: string; payload: { username?: string } }[];
    const annaTypes = [
      'account.opened',
      'membership.changed',
      'grant.created',
      'payment.confirmed',
      'grant.revoked',
      'account.closed',
      'membership.changed',
    ];
    expect(events.filter((e) => e.payload.username === 'annahooksvsk').map((e) => e.type)).toEqual(
      annaTypes,
    );
    expect(events).toHaveLength(annaTypes.length + 2);

    const deliveries = await settled('voskhod', endpoint.id, events.length);
    expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
    // Every event arrived, each exactly once by id (the receiver dedupes on webhook-id).
    expect(new Set(receiver.accepted())).toEqual(new Set(events.map((e) => e.id)));
    // Two 500s and a timeout, each retried to a 200: three extra attempts in the log.
    expect(receiver.received.slice(0, 3).map((r) => r.answer)).toEqual(['error', 'error', 'held']);
    for (const failed of receiver.received.slice(0, 3))
      expect(receiver.accepted()).toContain(failed.id);
    const retried = deliveries.filter((d) => d.attempts > 1);
    expect(retried.reduce((extra, d) => extra + d.attempts - 1, 0)).toBe(3);
    for (const delivery of retried)
      expect(delivery).toMatchObject({ last_status_code: 200, last_error: null });
    const first = deliveries.find((d) => d.event_id === receiver.received[0]!.id)!;
    expect(first.delivered_at).not.toBeNull();

    // In order per member: no request about a member came before their earlier event was accepted.
    for (const username of ['annahooksvsk', 'borishooksvs']) {
      const ids = events.filter((e) => e.payload.username === username).map((e) => e.id);
      const firstSeen = [...new Set(receiver.received.map((r) => r.id))].filter((id) =>
        ids.includes(id),
      );
      expect(firstSeen).toEqual(ids);
    }

    // Signatures: Standard Webhooks with the endpoint's secret, and K1 with the platform's key.
    const { public_key } = webhookPublicKeySchema.parse(
      await (await fetch(`${server.url}/.well-known/webhook-public-key`)).json(),
    );
    const wrong = new Webhook(`whsec_${randomBytes(32).toString('base64')}`);
    for (const request of receiver.received.filter((r) => r.answer === 'ok')) {
      const headers = request.headers as Record<string, string>;
      const payload = new Webhook(endpoint.secret).verify(request.body, headers) as {
        type: string;
        data: Record<string, unknown>;
      };
      expect(payload.type).toBe(events.find((e) => e.id === request.id)!.type);
      expect(() => wrong.verify(request.body, headers)).toThrow();
      expect(verifyWebhook({ secret: endpoint.secret, headers, body: request.body })).toMatchObject(
        { type: payload.type },
      );
      const k1 = JSON.parse(headers['x-cardcoop-k1-signature']!) as Record<string, string>;
      const digest = Checksum256.hash(
        new TextEncoder().encode(`${request.id}.${headers['webhook-timestamp']}.${request.body}`),
      );
      expect(k1.payload).toBe(digest.hexString);
      expect(k1.public_key).toBe(public_key);
      const signature = Signature.from(k1.signature!);
      expect(signature.recoverDigest(digest).equals(PublicKey.from(public_key))).toBe(true);
      expect(verifyWebhookK1({ headers, body: request.body, publicKey: public_key })).toBe(true);
      expect(verifyWebhookK1({ headers, body: `${request.body} `, publicKey: public_key })).toBe(
        false,
      );
      // No personal data in a payload: usernames, ids, field names, statuses, amounts, times.
      expect(request.body).not.toContain('@hooks.example');
    }

    // Cooperative A's events never go to B's endpoint, and B's never to A's.
    await settled('zarya', zaryaEndpoint.id, 1, staff.zaryaOwner.token);
    const zaryaBodies = other.received.map(
      (r) => JSON.parse(r.body) as { data: { username?: string } },
    );
    expect(zaryaBodies.map((b) => b.data.username)).toEqual(['borishookszr']);
    expect(other.accepted().some((id) => receiver.accepted().includes(id))).toBe(false);
    const crossRead = await call(
      server,
      'GET',
      hooks('voskhod', `/${endpoint.id}/deliveries`),
      bearer(staff.zaryaOwner.token),
    );
    expect(crossRead.status).toBe(403);
    const crossRedeliver = await call(
      server,
      'POST',
      hooks('zarya', `/deliveries/${first.id}/redeliver`),
      bearer(staff.zaryaOwner.token),
    );
    expect(crossRedeliver.status).toBe(404);

    // A redelivery carries the same webhook-id: the receiver sees nothing new after deduping.
    const before = receiver.received.length;
    const redelivered = await call(
      server,
      'POST',
      hooks('voskhod', `/deliveries/${first.id}/redeliver`),
      bearer(staff.owner.token),
    );
    expect(redelivered.status).toBe(204);
    await settled('voskhod', endpoint.id, events.length);
    await expect.poll(() => receiver.received.length).toBeGreaterThan(before);
    expect(receiver.received.at(-1)!.id).toBe(first.event_id);
    expect(new Set(receiver.accepted())).toEqual(new Set(events.map((e) => e.id)));
  });

  it('sends a webhook.test event on request; rotating the secret signs with the new one only', async () => {
    const [endpoint] = webhookEndpointListSchema.parse(
      (await call(server, 'GET', hooks('voskhod'), bearer(staff.owner.token))).body,
    ).endpoints;
    // Rotation hands out a secret: step-up first.
    const early = await call(
      server,
      'POST',
      hooks('voskhod', `/${endpoint!.id}/rotate-secret`),
      bearer(staff.owner.token),
    );
    expect(early.status).toBe(403);
    expect(early.body).toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await changeSessions(
      server,
      sql`update sessions set stepped_up_at = now() where user_id = ${staff.owner.userId} returning id`,
    );
    const rotated = await call(
      server,
      'POST',
      hooks('voskhod', `/${endpoint!.id}/rotate-secret`),
      bearer(staff.owner.token),
    );
    expect(rotated.status).toBe(200);
    const { secret } = webhookEndpointWithSecretSchema.parse(rotated.body);
    const tested = await call(
      server,
      'POST',
      hooks('voskhod', `/${endpoint!.id}/test`),
      bearer(staff.owner.token),
    );
    expect(tested.status).toBe(202);
    const { event_id } = tested.body as { event_id: string };
    await expect.poll(() => receiver.accepted().includes(event_id), { timeout: 10_000 }).toBe(true);
    const request = receiver.received.find((r) => r.id === event_id && r.answer === 'ok')!;
    const headers = request.headers as Record<string, string>;
    expect(verifyWebhook({ secret, headers, body: request.body })).toMatchObject({
      type: 'webhook.test',
    });
    expect(() =>
      verifyWebhook({
        secret: 'whsec_' + randomBytes(32).toString('base64'),
        headers,
        body: request.body,
      }),
    ).toThrow();
  });
});

describe('webhook endpoints: who may change them, how many, where to', () => {
  it('lets a viewer read but not create, change or delete; an outsider neither', async () => {
    const path = hooks('voskhod');
    expect((await call(server, 'GET', path, bearer(staff.viewer.token))).status).toBe(200);
    const body = { url: 'https://hooks.example/x', events: ['grant.created'] };
    expect((await call(server, 'POST', path, bearer(staff.viewer.token), body)).status).toBe(403);
    expect((await call(server, 'POST', path, bearer(staff.zaryaOwner.token), body)).status).toBe(
      403,
    );
    expect((await call(server, 'GET', path, bearer(staff.zaryaOwner.token))).status).toBe(403);
    const [endpoint] = webhookEndpointListSchema.parse(
      (await call(server, 'GET', path, bearer(staff.viewer.token))).body,
    ).endpoints;
    expect(
      (
        await call(
          server,
          'DELETE',
          hooks('voskhod', `/${endpoint!.id}`),
          bearer(staff.viewer.token),
        )
      ).status,
    ).toBe(403);
    expect((await call(server, 'GET', path, '')).status).toBe(401);
  });

  it('refuses a sixth endpoint, a repeated event and plain http to a public host', async () => {
    for (let i = 0; i < 4; i += 1)
      await createEndpoint('voskhod', staff.owner.token, `http://localhost:9/${i}`, [
        'grant.created',
      ]);
    const sixth = await call(server, 'POST', hooks('voskhod'), bearer(staff.owner.token), {
      url: 'http://localhost:9/6',
      events: ['grant.created'],
    });
    expect(sixth.status).toBe(409);
    expect(sixth.body).toMatchObject({ code: 'WEBHOOK_LIMIT_REACHED' });
    for (const body of [
      { url: 'http://hooks.example/x', events: ['grant.created'] },
      { url: 'https://hooks.example/x', events: ['grant.created', 'grant.created'] },
      { url: 'https://hooks.example/x', events: ['user.deleted'] },
      { url: 'https://user:pw@hooks.example/x', events: ['grant.created'] },
    ]) {
      const refused = await call(
        server,
        'POST',
        hooks('zarya'),
        bearer(staff.zaryaOwner.token),
        body,
      );
      expect(refused.status).toBe(422);
    }
  });

  it('refuses targets in private networks unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set', async () => {
    const strict = await startTestApp();
    try {
      const { clientSecret } = await strict.app
        .get(CooperativesService)
        .create({ coopname: 'strictcoop', displayName: 'strict' });
      expect(clientSecret).toBeTruthy();
      const { tokens, userId } = await registerRaw(strict.url, 'strict@hooks.example', 'strict pw');
      await strict.app
        .get<Database>(DATABASE)
        .primary.execute(
          sql`insert into cooperative_staff (coopname, user_id, role) values ('strictcoop', ${userId}, 'owner')`,
        );
      for (const url of [
        'http://localhost:8080/hook',
        'https://127.0.0.1/hook',
        'https://10.1.2.3/hook',
        'https://169.254.169.254/latest',
        'https://[::1]/hook',
        'https://192.168.0.10/hook',
      ]) {
        const refused = await call(
          strict,
          'POST',
          hooks('strictcoop'),
          bearer(tokens.access_token as string),
          { url, events: ['grant.created'] },
        );
        expect(refused.status, url).toBe(422);
        expect(refused.body, url).toMatchObject({ code: 'WEBHOOK_URL_REFUSED' });
      }
    } finally {
      await strict.close();
    }
  });
});

describe('endpoints that stop answering', () => {
  const endpointOf = async (id: string) =>
    webhookEndpointListSchema
      .parse((await call(server, 'GET', hooks('zarya'), bearer(staff.zaryaOwner.token))).body)
      .endpoints.find((endpoint) => endpoint.id === id)!;

  /** The mails about a disabled webhook to this address. */
  const disabledMails = async (email: string) =>
    (await mailsTo(server.url, email)).filter((mail) => mail.subject.startsWith('Вебхук'));
  /** The member's in-app notices about a disabled webhook of zarya. */
  const disabledNotices = async (token: string) =>
    notificationListSchema
      .parse(
        (await call(server, 'GET', '/notifications?coopname=zarya&limit=100', bearer(token))).body,
      )
      .notifications.filter((notice) => notice.type === 'webhook.disabled')
      .map(({ data, coopname }) => ({ ...data, coopname }));

  it('disables an endpoint that answers 410, and one failing for 3 days (its owners are told)', async () => {
    const gone = await flakyReceiver([], 'gone');
    const failing = await flakyReceiver([], 'error');
    const zaryaAdmin = await staffMember('zadmin', 'zarya', 'admin');
    const zaryaViewer = await staffMember('zviewer', 'zarya', 'viewer');
    try {
      const goneEndpoint = await createEndpoint('zarya', staff.zaryaOwner.token, gone.url, [
        'account.opened',
      ]);
      const failingEndpoint = await createEndpoint('zarya', staff.zaryaOwner.token, failing.url, [
        'account.opened',
      ]);
      // As if its first failure was four days ago.
      await db().execute(
        sql`update webhook_endpoints set failing_since = now() - interval '4 days' where id = ${failingEndpoint.id}`,
      );
      const carol = (await registerRaw(server.url, 'carol@hooks.example', 'carol pw')).tokens
        .access_token as string;
      await addAccount(server, carol, { coopname: 'zarya', username: 'carolhookszr' });

      await expect
        .poll(async () => (await endpointOf(goneEndpoint.id)).status, { timeout: 15_000 })
        .toBe('disabled');
      expect(await endpointOf(goneEndpoint.id)).toMatchObject({ disabled_reason: 'gone' });
      const [goneDelivery] = await deliveriesOf('zarya', goneEndpoint.id, staff.zaryaOwner.token);
      expect(goneDelivery).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 410 });
      expect(gone.received).toHaveLength(1);

      await expect
        .poll(async () => (await endpointOf(failingEndpoint.id)).status, { timeout: 15_000 })
        .toBe('disabled');
      expect(await endpointOf(failingEndpoint.id)).toMatchObject({ disabled_reason: 'failing' });
      const told = await db().execute(
        sql`select data from audit_events where subject_id = ${staff.zaryaOwner.userId} and type = 'webhook.endpoint.disabled'`,
      );
      expect(
        (told.rows as { data: { reason: string } }[]).map((row) => row.data.reason).sort(),
      ).toEqual(['failing', 'gone']);
      // The owner and the admin are mailed and find a notice in the app, each naming the
      // endpoint by its host only; the viewer is told nothing.
      for (const [who, email] of [
        [staff.zaryaOwner, 'zowner@hooks.example'],
        [zaryaAdmin, 'zadmin@hooks.example'],
      ] as const) {
        await expect
          .poll(async () => (await disabledMails(email)).map((mail) => mail.subject), {
            timeout: 15_000,
          })
          .toEqual([
            'Вебхук отключён: 127.0.0.1 («zarya» (zarya))',
            'Вебхук отключён: 127.0.0.1 («zarya» (zarya))',
          ]);
        const mails = await disabledMails(email);
        expect(mails.some((mail) => mail.text.includes('410 Gone'))).toBe(true);
        expect(mails.every((mail) => !mail.text.includes('/hooks/cardcoop'))).toBe(true);
        const notices = await disabledNotices(who.token);
        expect(notices.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([
          {
            endpoint_id: failingEndpoint.id,
            host: '127.0.0.1',
            reason: 'failing',
            coopname: 'zarya',
          },
          { endpoint_id: goneEndpoint.id, host: '127.0.0.1', reason: 'gone', coopname: 'zarya' },
        ]);
      }
      expect(await disabledNotices(zaryaViewer.token)).toEqual([]);
      expect(await disabledMails('zviewer@hooks.example')).toEqual([]);
      // The notice itself is not mailed again (its mail is the one above).
      expect(
        (await mailsTo(server.url, 'zowner@hooks.example')).filter((mail) =>
          mail.subject.startsWith('CARD.COOP:'),
        ),
      ).toEqual([]);
      // The other cooperative's owner hears nothing of it.
      expect(await disabledNotices(staff.owner.token)).toEqual([]);
      // The cooperative turns it back on: its failing streak starts over.
      const enabled = await fetch(
        `${server.url}/api/v1${hooks('zarya', `/${failingEndpoint.id}`)}`,
        {
          method: 'PATCH',
          headers: {
            authorization: bearer(staff.zaryaOwner.token),
            'content-type': 'application/json',
          },
          body: JSON.stringify({ enabled: true }),
        },
      );
      expect(enabled.status).toBe(200);
      expect(await enabled.json()).toMatchObject({ status: 'enabled', disabled_reason: null });
    } finally {
      await gone.close();
      await failing.close();
    }
  });

  it('pages the delivery log by keyset, newest first', async () => {
    const [endpoint] = webhookEndpointListSchema.parse(
      (await call(server, 'GET', hooks('voskhod'), bearer(staff.owner.token))).body,
    ).endpoints;
    const all = await deliveriesOf('voskhod', endpoint!.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=4&cursor=${cursor}` : '?limit=4';
      const response = await call(
        server,
        'GET',
        hooks('voskhod', `/${endpoint!.id}/deliveries${query}`),
        bearer(staff.viewer.token),
      );
      const page = webhookDeliveryPageSchema.parse(response.body);
      seen.push(...page.deliveries.map((d) => d.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.map((d) => d.id));
    expect(all.length).toBeGreaterThan(4);
  });

  it('refuses WEBHOOK_ALLOW_PRIVATE_TARGETS in production', () => {
    expect(() =>
      parseConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE_TARGETS: '1' }),
    ).toThrow(/WEBHOOK_ALLOW_PRIVATE_TARGETS: is for tests and development only/);
  });
});
