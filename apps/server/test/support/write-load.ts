import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import type { PrivatePostgres } from './private-services.js';
import { fakeEnvelope } from './raw-member.js';

// A write load for the fault and topology tests: members rewriting their cards with
// compare-and-swap while something is taken away, with every answer counted.

export const cardMeta = { version: 1, schema: CARD_SCHEMA_ID, kind: 'individual' };

export interface Tally {
  statuses: Map<number, number>;
  acknowledged: number;
  slowest: number;
  missingRetryAfter: number;
}

export const newTally = (): Tally => ({
  statuses: new Map(),
  acknowledged: 0,
  slowest: 0,
  missingRetryAfter: 0,
});

/**
 * Each request comes from an address of its own (X-Forwarded-For, used where the server trusts
 * a proxy), so per-address limits never refuse the load.
 */
const addressOf = (worker: number, i: number) => `10.${100 + worker}.${(i >> 8) & 255}.${i & 255}`;

/** Members, each with a card, rewriting it in a loop with compare-and-swap until stopped. */
export async function writeLoad(
  url: string,
  tokens: string[],
  running: () => boolean,
): Promise<Tally> {
  const tally = newTally();
  const count = (status: number) =>
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
  await Promise.all(
    tokens.map(async (token, worker) => {
      let revision = await currentRevision(url, token);
      for (let i = 0; running(); i += 1) {
        const started = Date.now();
        const response = await fetch(`${url}/api/v1/card`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'x-forwarded-for': addressOf(worker, i),
          },
          body: JSON.stringify({
            card: fakeEnvelope(`w${worker}-${i}`),
            meta: cardMeta,
            expected_revision: revision,
          }),
        }).catch(() => undefined);
        tally.slowest = Math.max(tally.slowest, Date.now() - started);
        const status = response?.status ?? 0;
        count(status);
        if (status === 503 && !response?.headers.get('retry-after')) tally.missingRetryAfter += 1;
        if (status === 200) {
          tally.acknowledged += 1;
          revision = ((await response!.json()) as { revision: number }).revision;
          continue;
        }
        await response?.arrayBuffer();
        // A write whose answer was lost may still have committed: learn the revision again.
        revision = await currentRevision(url, token, addressOf(worker, i)).catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          return revision;
        });
      }
    }),
  );
  return tally;
}

export async function currentRevision(
  url: string,
  token: string,
  address = '10.99.0.1',
): Promise<number> {
  const response = await fetch(`${url}/api/v1/card`, {
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address },
  });
  if (response.status !== 200) throw new Error(`GET /card: ${response.status}`);
  return ((await response.json()) as { revision: number }).revision;
}

/**
 * Card changes persisted vs their audit events, over all members: every revision after the
 * first was written by an update, and each update must have committed with its event.
 */
export async function cardChanges(postgres: PrivatePostgres, database = 'cardcoop') {
  const { rows } = await postgres.query(
    `select (select coalesce(sum(revision - 1), 0)::int from cards) as persisted,
            (select count(*)::int from audit_events where type = 'card.updated') as audited`,
    database,
  );
  return rows[0] as { persisted: number; audited: number };
}

export const statusesOf = (tally: Tally) => Object.fromEntries(tally.statuses);

/** Answers with a status of 500 or more (0: no answer at all). */
export const failures = (tally: Tally) =>
  [...tally.statuses].reduce(
    (sum, [status, n]) => (status >= 500 || status === 0 ? sum + n : sum),
    0,
  );

/** One summary line per check in the test output. */
export function report(name: string, tally: Tally, extra = '') {
  process.stdout.write(
    `fault ${name}: answers by status ${JSON.stringify(statusesOf(tally))}, acknowledged writes ${tally.acknowledged}, slowest ${tally.slowest} ms${extra}\n`,
  );
}
