import { describe, expect, it } from 'vitest';
import type { CardMeta, SymmetricEnvelope } from '@cardcoop/contracts';
import type { AuditService } from '../audit/audit.service.js';
import type { MemberEvents } from '../realtime/member-events.js';
import type { CardRepository, CardRow } from './card.repository.js';
import { CardService } from './card.service.js';

// The vault's rules without a database: one card per member, compare-and-swap, and a retried
// write that did happen answered with its result (the SQL is tested in test/e2e/card.spec.ts).

const meta: CardMeta = {
  version: 1,
  schema: 'https://card.coop/schemas/card/v1.json',
  kind: 'individual',
};
const envelope = (seed: string): SymmetricEnvelope => ({
  v: 1,
  alg: 'A256GCM',
  kid: '1',
  iv: 'AAAAAAAAAAAAAAAA',
  ct: Buffer.from(seed.padEnd(32, '.')).toString('base64url'),
});

/** One member's card in memory, with the repository's contract. */
function vault() {
  let row: CardRow | undefined;
  const events: unknown[] = [];
  const cards = {
    insert: async (userId: string, m: CardMeta, e: SymmetricEnvelope, event: unknown) => {
      if (row) return undefined;
      events.push(event);
      row = {
        id: 'card-1',
        userId,
        meta: m,
        envelope: e,
        revision: 1,
        updatedAt: new Date(),
      } as CardRow;
      return row;
    },
    findByUser: async () => row,
    update: async (
      _userId: string,
      expected: number,
      m: CardMeta,
      e: SymmetricEnvelope,
      event: unknown,
    ) => {
      if (!row || row.revision !== expected) return undefined;
      events.push(event);
      row = { ...row, meta: m, envelope: e, revision: row.revision + 1 };
      return row;
    },
  } as unknown as CardRepository;
  const audit = {
    eventFor: (_subject: string, type: string, data: unknown) => ({ type, data }),
  } as unknown as AuditService;
  const published = { publish: () => undefined } as unknown as MemberEvents;
  return { service: new CardService(cards, audit, published), events };
}

describe('CardService rules', () => {
  it('issues one card; the same issue again is answered, another one is a conflict', async () => {
    const { service, events } = vault();
    const first = await service.issue('u1', { card: envelope('a'), meta }, '1.2.3.4');
    expect(first).toEqual({ card_id: 'card-1', revision: 1, status: 'issued' });
    await expect(service.issue('u1', { card: envelope('a'), meta }, '1.2.3.4')).resolves.toEqual(
      first,
    );
    await expect(
      service.issue('u1', { card: envelope('b'), meta }, '1.2.3.4'),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(events).toEqual([{ type: 'card.issued', data: { kind: 'individual' } }]);
  });

  it('writes only on the expected revision, with the event of the revision it makes', async () => {
    const { service, events } = vault();
    await service.issue('u1', { card: envelope('a'), meta }, '1.2.3.4');
    await expect(
      service.update('u1', 1, { card: envelope('b'), meta }, '1.2.3.4'),
    ).resolves.toEqual({
      card_id: 'card-1',
      revision: 2,
    });
    // The same write retried (its answer was lost): the same answer, nothing written again.
    await expect(
      service.update('u1', 1, { card: envelope('b'), meta }, '1.2.3.4'),
    ).resolves.toEqual({
      card_id: 'card-1',
      revision: 2,
    });
    // Another write on the stale revision: a conflict.
    await expect(
      service.update('u1', 1, { card: envelope('c'), meta }, '1.2.3.4'),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(events).toEqual([
      { type: 'card.issued', data: { kind: 'individual' } },
      { type: 'card.updated', data: { revision: 2 } },
    ]);
  });

  it('answers 404 for an update without a card', async () => {
    const { service } = vault();
    await expect(
      service.update('u1', 1, { card: envelope('a'), meta }, '1.2.3.4'),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
