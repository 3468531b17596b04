import { describe, expect, it } from 'vitest';
import type { SymmetricEnvelope } from '@cardcoop/contracts';
import { CardCoopError } from '../errors.js';
import { base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from './encoding.js';
import { envelopeAad, openEnvelope, sealEnvelope } from './envelope.js';
import type { EnvelopeContext } from './envelope.js';

const newKey = () =>
  globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);

const USER = '0b8f2f4e-7d0a-4c59-9f57-0c2f5d1d6a11';
const context: EnvelopeContext = {
  purpose: 'card',
  user_id: USER,
  record_id: 'card/main',
  meta: { version: 3, schema: 'https://card.coop/schema/card/v1', kind: 'person' },
};

async function sealed() {
  const key = await newKey();
  const envelope = await sealEnvelope({
    key,
    plaintext: utf8Encode('secret card'),
    context,
    kid: '1',
  });
  return { key, envelope };
}

async function expectDecryptionFailed(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardCoopError);
  expect((error as CardCoopError).code).toBe('DECRYPTION_FAILED');
}

describe('envelopeAad', () => {
  it('is the JCS of {purpose, user_id, record_id, v, alg, kid, meta}, meta null when absent', () => {
    const header = { v: 1, alg: 'A256GCM', kid: '1' } as const;
    const aad = (meta?: EnvelopeContext['meta']) =>
      utf8Decode(envelopeAad({ purpose: 'p', user_id: 'u', record_id: 'r', meta }, header));
    expect(aad()).toBe(
      '{"alg":"A256GCM","kid":"1","meta":null,"purpose":"p","record_id":"r","user_id":"u","v":1}',
    );
    expect(aad(null)).toBe(aad());
    expect(aad({ version: 2, kind: 'x' })).toBe(
      '{"alg":"A256GCM","kid":"1","meta":{"kind":"x","version":2},"purpose":"p","record_id":"r","user_id":"u","v":1}',
    );
  });

  it('refuses a context without purpose, user_id or record_id', () => {
    const header = { v: 1, alg: 'A256GCM', kid: '1' } as const;
    for (const field of ['purpose', 'user_id', 'record_id'] as const) {
      expect(() => envelopeAad({ ...context, [field]: '' }, header)).toThrow(TypeError);
      expect(() => envelopeAad({ ...context, [field]: undefined } as never, header)).toThrow(
        TypeError,
      );
    }
  });
});

describe('sealEnvelope / openEnvelope', () => {
  it('round-trips and has the pinned shape with a fresh 96-bit IV', async () => {
    const { key, envelope } = await sealed();
    expect(Object.keys(envelope).sort()).toEqual(['alg', 'ct', 'iv', 'kid', 'v']);
    expect(envelope).toMatchObject({ v: 1, alg: 'A256GCM', kid: '1' });
    expect(base64UrlDecode(envelope.iv)).toHaveLength(12);
    expect(base64UrlDecode(envelope.ct)).toHaveLength('secret card'.length + 16);
    expect(utf8Decode(await openEnvelope({ key, envelope, context }))).toBe('secret card');

    const again = await sealEnvelope({
      key,
      plaintext: utf8Encode('secret card'),
      context,
      kid: '1',
    });
    expect(again.iv).not.toBe(envelope.iv);
    expect(again.ct).not.toBe(envelope.ct);
  });

  it('round-trips an empty plaintext and a context without meta', async () => {
    const key = await newKey();
    const bare = { purpose: 'p', user_id: USER, record_id: 'r' };
    const envelope = await sealEnvelope({
      key,
      plaintext: new Uint8Array(0),
      context: bare,
      kid: '7',
    });
    expect(await openEnvelope({ key, envelope, context: { ...bare, meta: null } })).toHaveLength(0);
  });

  it('refuses an invalid kid', async () => {
    const key = await newKey();
    for (const kid of ['', 'x'.repeat(65)]) {
      await expect(
        sealEnvelope({ key, plaintext: new Uint8Array(1), context, kid }),
      ).rejects.toThrow(TypeError);
    }
  });

  describe('fails with DECRYPTION_FAILED when', () => {
    it('the key is wrong', async () => {
      const { envelope } = await sealed();
      await expectDecryptionFailed(openEnvelope({ key: await newKey(), envelope, context }));
    });

    it('the envelope moved to another user or record, or its purpose or meta changed', async () => {
      const { key, envelope } = await sealed();
      const moved: EnvelopeContext[] = [
        { ...context, user_id: '9d5f0c43-3d33-4b7e-8d1e-2b7c8b1d0e22' },
        { ...context, record_id: 'card/other' },
        { ...context, purpose: 'coop_account_key' },
        { ...context, meta: { ...(context.meta as object), version: 2 } },
        { ...context, meta: undefined },
      ];
      for (const other of moved)
        await expectDecryptionFailed(openEnvelope({ key, envelope, context: other }));
    });

    it('the header was changed (kid, alg, v)', async () => {
      const { key, envelope } = await sealed();
      const flipped: unknown[] = [
        { ...envelope, kid: '2' },
        { ...envelope, alg: 'A128GCM' },
        { ...envelope, v: 2 },
      ];
      for (const other of flipped)
        await expectDecryptionFailed(openEnvelope({ key, envelope: other, context }));
    });

    it('a ciphertext, tag or IV byte was flipped', async () => {
      const { key, envelope } = await sealed();
      const flip = (field: 'ct' | 'iv', index: number): SymmetricEnvelope => {
        const bytes = base64UrlDecode(envelope[field]);
        bytes[index < 0 ? bytes.length + index : index]! ^= 0x01;
        return { ...envelope, [field]: base64UrlEncode(bytes) };
      };
      for (const other of [flip('ct', 0), flip('ct', -1), flip('iv', 0)]) {
        await expectDecryptionFailed(openEnvelope({ key, envelope: other, context }));
      }
    });

    it('the envelope is malformed or truncated', async () => {
      const { key, envelope } = await sealed();
      const bad: unknown[] = [
        null,
        'envelope',
        {},
        { ...envelope, ct: envelope.ct.slice(0, -4) },
        { ...envelope, iv: envelope.iv.slice(0, 12) },
        { ...envelope, ct: `${envelope.ct}=` },
      ];
      for (const other of bad)
        await expectDecryptionFailed(openEnvelope({ key, envelope: other, context }));
    });
  });
});
