import { aiforyWebhookSchema, verifyAiforySignature } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { HOOK_SECRET, SECRET, orderCard, sandboxFor, webhookReceiver } from './spec-support.js';

describe('aifory sandbox: webhooks', () => {
  it('POSTs typed events signed with the webhook secret', async () => {
    const hook = await webhookReceiver();
    const { sandbox, call } = await sandboxFor({
      webhookUrl: hook.url,
      webhookSecret: HOOK_SECRET,
    });
    const cardId = await orderCard(call, 'o-1', 5000);
    sandbox.purchase(cardId, 1000, 'Shop');
    await call('cards/freeze', { card_id: cardId });
    sandbox.purchase(cardId, 1000, 'Shop');
    await sandbox.idle();
    const events = hook.received.map((r) => aiforyWebhookSchema.parse(JSON.parse(r.body)));
    expect(events.map((e) => e.type)).toEqual([
      'transaction.created',
      'transaction.created',
      'card.status_changed',
      'transaction.created',
    ]);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ type: 'deposit', amount: { amount: 5000, currency: 'USD' } }),
      expect.objectContaining({ type: 'purchase', status: 'approved' }),
      { card_id: cardId, status: 'frozen', previous_status: 'active' },
      expect.objectContaining({
        type: 'purchase',
        status: 'declined',
        decline_reason: 'card_frozen',
      }),
    ]);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(4);
    for (const received of hook.received) {
      expect(await verifyAiforySignature(received.body, HOOK_SECRET, received.signature)).toBe(
        true,
      );
      expect(await verifyAiforySignature(received.body, SECRET, received.signature)).toBe(false);
    }
    expect(sandbox.webhookDeliveries().map((d) => d.state)).toEqual(Array(4).fill('delivered'));
    expect(sandbox.webhookDeliveries()[0]?.attempts).toEqual([
      { at: expect.any(String), status: 200 },
    ]);
  });

  it('signs with the API secret when no webhook secret is given', async () => {
    const hook = await webhookReceiver();
    const { sandbox, call } = await sandboxFor({ webhookUrl: hook.url });
    const cardId = await orderCard(call, 'o-1');
    await call('cards/freeze', { card_id: cardId });
    await sandbox.idle();
    expect(
      await verifyAiforySignature(
        hook.received[0]?.body ?? '',
        SECRET,
        hook.received[0]?.signature,
      ),
    ).toBe(true);
  });

  it('retries a failed delivery with backoff, then gives up and records it', async () => {
    const hook = await webhookReceiver([500, 503, 200, 500, 500, 500]);
    const logged: Array<Record<string, unknown>> = [];
    const { sandbox, call } = await sandboxFor({
      webhookUrl: hook.url,
      webhookBackoffMs: [5, 5],
      log: (event, fields) => event === 'webhook' && logged.push(fields),
    });
    const cardId = await orderCard(call, 'o-1');
    await call('cards/freeze', { card_id: cardId });
    await call('cards/unfreeze', { card_id: cardId });
    await sandbox.idle();
    const [first, second] = sandbox.webhookDeliveries();
    expect(first?.state).toBe('delivered');
    expect(first?.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(second?.state).toBe('failed');
    expect(second?.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(hook.received.map((r) => r.body)).toEqual([
      first?.body,
      first?.body,
      first?.body,
      second?.body,
      second?.body,
      second?.body,
    ]);
    expect(logged).toHaveLength(6);
    expect(JSON.stringify(logged)).not.toMatch(new RegExp(sandbox.cards()[0]?.pan ?? 'x'));
  });

  it('records a network error as an attempt', async () => {
    const { sandbox, call } = await sandboxFor({
      webhookUrl: 'http://127.0.0.1:1/hook',
      webhookBackoffMs: [1],
    });
    const cardId = await orderCard(call, 'o-1');
    await call('cards/freeze', { card_id: cardId });
    await sandbox.idle();
    const [delivery] = sandbox.webhookDeliveries();
    expect(delivery?.state).toBe('failed');
    expect(delivery?.attempts).toHaveLength(2);
    expect(delivery?.attempts[0]?.error).toBeTruthy();
  });

  it('without a webhook URL records events as skipped, still signed', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    await call('cards/freeze', { card_id: cardId });
    await sandbox.idle();
    const [delivery] = sandbox.webhookDeliveries();
    expect(delivery).toMatchObject({ state: 'skipped', attempts: [] });
    expect(await verifyAiforySignature(delivery?.body ?? '', SECRET, delivery?.signature)).toBe(
      true,
    );
  });

  it('close() stops retrying', async () => {
    const hook = await webhookReceiver([500, 500, 500]);
    const { sandbox, call } = await sandboxFor({
      webhookUrl: hook.url,
      webhookBackoffMs: [60_000],
    });
    const cardId = await orderCard(call, 'o-1');
    await call('cards/freeze', { card_id: cardId });
    while (hook.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sandbox.webhookDeliveries()[0]?.state).toBe('failed');
    expect(hook.received).toHaveLength(1);
  });
});
