import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KSF } from '@cardcoop/contracts';
import type { Ksf } from '@cardcoop/contracts';
import type { AccountsRepository } from './accounts.repository.js';
import { DecoyKsf } from './decoy-ksf.js';

const CHEAP: Ksf = { 'argon2id-custom': { memory: 8192, iterations: 1, parallelism: 1 } };

/** Accounts whose KSF tally is `rows`; counts the queries. */
function tallyDatabase(rows: { ksf: Ksf; count: number }[]) {
  let queries = 0;
  const database = {
    ksfTally: async () => {
      queries += 1;
      return rows;
    },
  } as unknown as AccountsRepository;
  return { database, queries: () => queries };
}

const lookup = () => `k1.${randomBytes(32).toString('base64url')}`;

describe('DecoyKsf', () => {
  it('answers the default while there is no account', async () => {
    const { database } = tallyDatabase([]);
    expect(await new DecoyKsf(database).for(lookup())).toEqual(DEFAULT_KSF);
  });

  it('draws decoys in the proportions of the real accounts, the same for one address', async () => {
    const { database, queries } = tallyDatabase([
      { ksf: DEFAULT_KSF, count: 70 },
      { ksf: CHEAP, count: 30 },
    ]);
    const decoys = new DecoyKsf(database);
    const drawn = await Promise.all(Array.from({ length: 2000 }, () => decoys.for(lookup())));
    const cheap = drawn.filter((ksf) => JSON.stringify(ksf) === JSON.stringify(CHEAP)).length;
    // 600 expected; 5 standard deviations is ±102.
    expect(cheap).toBeGreaterThan(500);
    expect(cheap).toBeLessThan(700);
    const one = lookup();
    expect(await decoys.for(one)).toEqual(await decoys.for(one));
    // The tally is read once and then kept for a while.
    expect(queries()).toBe(1);
  });
});
