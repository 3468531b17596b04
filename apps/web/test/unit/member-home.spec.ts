import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { nextPath } from '../../src/areas/id/auth/next-path.js';
import { completenessOf } from '../../src/areas/member/completeness.js';

describe('nextPath: where sign-in leads', () => {
  const ORIGIN = 'https://card.coop.example';
  beforeAll(() => {
    (globalThis as { window?: unknown }).window = { location: { origin: ORIGIN } };
  });
  afterAll(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it.each([
    [null, '/member'],
    ['/id/access', '/id/access'],
    ['/id/connect?client_id=voskhod#x', '/id/connect?client_id=voskhod#x'],
    ['/member', '/member'],
    ['/member/x', '/member/x'],
    ['/membership', '/member'],
    ['/business', '/business'],
    ['/business/invitations/abc', '/business/invitations/abc'],
    ['/businesses', '/member'],
    ['https://evil.example/id/', '/member'],
    ['//evil.example/id/', '/member'],
    ['/id/../business', '/business'],
    ['/id/../admin', '/admin'],
    ['/admin/users/1', '/admin/users/1'],
    ['/administrator', '/member'],
  ])('?next=%j → %s', (next, expected) => expect(nextPath(next)).toBe(expected));
});

describe('completenessOf: how much of its form a card fills', () => {
  it('counts the fields of the kind and names the empty ones in the form order', () => {
    const { percent, missing } = completenessOf(anna);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    const paths = missing.map((field) => field.path);
    expect(paths).not.toContain('first_name');
    expect(paths).not.toContain('last_name');
  });

  it('a card with nothing optional left empty is 100%, nothing missing', () => {
    const { missing } = completenessOf(anna);
    const full = structuredClone(anna) as unknown as Record<string, unknown>;
    for (const { path } of missing) {
      const parts = path.split('.');
      const name = parts.pop()!;
      let node = full;
      for (const part of parts) node = (node[part] ??= {}) as Record<string, unknown>;
      node[name] = 'x';
    }
    expect(completenessOf(full as unknown as typeof anna)).toEqual({ percent: 100, missing: [] });
  });
});
