import type { Grant } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { parseConnectRequest } from '../../src/areas/id/access/connect-request.js';
import { renewableFields } from '../../src/areas/id/access/quick-entry.js';

const REQUESTED = ['last_name', 'first_name', 'phone'];
const grant = (extra: Partial<Grant> = {}): Grant => ({
  coopname: 'voskhod',
  display_name: 'ПК ВОСХОД',
  username: 'annapetrovna',
  shared_at: '2026-12-01T10:00:00.000Z',
  fields: REQUESTED,
  last_read_at: null,
  read_count: 1,
  revoked_at: null,
  ...extra,
});
const decide = (grants: Grant[], requested = REQUESTED, card: object = anna) =>
  renewableFields({ grants, coopname: 'voskhod', username: 'annapetrovna', requested, card });

describe('renewableFields: when quick entry shares without asking (ADR 018)', () => {
  it('shares again the requested fields a live grant covers', () => {
    expect(decide([grant()])).toEqual(REQUESTED);
  });

  it('asks when there is no grant, it is revoked, or it is under another account or cooperative', () => {
    expect(decide([])).toBeUndefined();
    expect(decide([grant({ revoked_at: '2026-12-02T10:00:00.000Z' })])).toBeUndefined();
    expect(decide([grant({ username: 'otheraccount' })])).toBeUndefined();
    expect(decide([grant({ coopname: 'othercoop' })])).toBeUndefined();
  });

  it('asks once the cooperative asks for a field the card holds and the grant lacks', () => {
    expect(decide([grant()], [...REQUESTED, 'full_address'])).toBeUndefined();
    // A field the member left out last time counts the same.
    expect(decide([grant({ fields: ['last_name', 'first_name'] })])).toBeUndefined();
  });

  it('leaves out requested fields the card does not hold, and asks when none is held', () => {
    const { phone: _none, ...noPhone } = anna;
    expect(decide([grant({ fields: ['last_name', 'first_name'] })], REQUESTED, noPhone)).toEqual([
      'last_name',
      'first_name',
    ]);
    expect(decide([grant()], ['inn'])).toBeUndefined();
  });
});

describe('parseConnectRequest: prompt', () => {
  const base = {
    coopname: 'voskhod',
    redirect_uri: 'https://voskhod.example/callback',
    state: 'state-of-the-request-0123456789',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  };
  const parse = (extra: Record<string, string>) =>
    parseConnectRequest(new URLSearchParams({ ...base, ...extra }), 'connect');

  it('takes prompt=none, leaves it out when absent, and refuses any other value by name', () => {
    const quick = parse({ prompt: 'none' });
    expect(quick.ok && quick.request.prompt).toBe('none');
    const plain = parse({});
    expect(plain.ok && 'prompt' in plain.request).toBe(false);
    for (const prompt of ['login', 'consent', '']) {
      expect(parse({ prompt })).toEqual({ ok: false, invalid: ['prompt'] });
    }
  });
});
