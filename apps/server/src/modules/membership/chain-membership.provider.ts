import { APIClient, APIError, Name, PublicKey } from '@wharfkit/antelope';
import { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import type { Cache } from '../../infra/cache/cache.js';
import type { MembershipProvider, MembershipStatus } from './membership.provider.js';

const CACHE_MS = 60_000;

/** Participant row of ПК ВОСХОД / MONO's `soviet` contract (the fields we rely on). */
interface ParticipantRow {
  username: string;
  status: string;
}

/** The part of `get_account`'s answer we use: the keys of each permission. */
const accountPermissions = z.object({
  permissions: z.array(
    z.object({
      perm_name: z.string(),
      required_auth: z.object({ keys: z.array(z.object({ key: z.string() })) }),
    }),
  ),
});

const SIGNING_PERMISSIONS = new Set(['owner', 'active']);

/** The K1 keys (`PUB_K1_…`) of the `owner` and `active` permissions in a `get_account` answer. */
function signingKeys(answer: unknown): string[] {
  const parsed = accountPermissions.safeParse(answer);
  if (!parsed.success) throw new AppError('SERVICE_UNAVAILABLE', 503, { cause: parsed.error });
  return parsed.data.permissions
    .filter((permission) => SIGNING_PERMISSIONS.has(permission.perm_name))
    .flatMap((permission) => permission.required_auth.keys)
    .flatMap(({ key: text }) => {
      try {
        return [PublicKey.from(text).toString()];
      } catch {
        return [];
      }
    });
}

/** nodeos's answer for an account that does not exist: `unknown key (…name…)` in the details. */
function isUnknownAccount(error: APIError): boolean {
  return (error.details ?? []).some(
    (detail: { message?: unknown }) =>
      typeof detail.message === 'string' && detail.message.startsWith('unknown key'),
  );
}

/**
 * Runs a chain call: a node that cannot be reached (or answers with an error while no fallback
 * is given) is SERVICE_UNAVAILABLE; a node's error answer is `fallback` when one is given.
 */
async function unavailableOnFailure<T>(call: () => Promise<T>, fallback?: T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof APIError && fallback !== undefined) return fallback;
    throw new AppError('SERVICE_UNAVAILABLE', 503, { cause: error });
  }
}

/**
 * Reads membership from the chain: `soviet` contract, scope = coopname, table `participants`,
 * primary key = username (`get_table_rows` over the node's HTTP RPC). Answers are cached for a
 * minute; a participant whose status is "blocked" is not a member.
 */
export class ChainMembershipProvider implements MembershipProvider {
  private readonly client: APIClient;

  constructor(
    rpcUrl: string,
    private readonly cache: Cache,
  ) {
    this.client = new APIClient({ url: rpcUrl });
  }

  async status(coopname: string, username: string): Promise<MembershipStatus> {
    const key = `membership:${coopname}:${username}`;
    const cached = await this.cache.get(key);
    if (cached === 'confirmed' || cached === 'applicant') return cached;
    const { rows } = await unavailableOnFailure(() =>
      this.client.v1.chain.get_table_rows({
        json: true,
        code: 'soviet',
        scope: coopname,
        table: 'participants',
        lower_bound: Name.from(username),
        upper_bound: Name.from(username),
        limit: 1,
      }),
    );
    const row = (rows as ParticipantRow[])[0];
    const status: MembershipStatus =
      row?.username === username && row.status !== 'blocked' ? 'confirmed' : 'applicant';
    await this.cache.set(key, status, CACHE_MS);
    return status;
  }

  statuses(accounts: { coopname: string; username: string }[]): Promise<MembershipStatus[]> {
    return Promise.all(accounts.map(({ coopname, username }) => this.status(coopname, username)));
  }

  async accountKeys(coopname: string): Promise<string[]> {
    const key = `chain-account-keys:${coopname}`;
    const cached = await this.cache.get(key);
    if (cached !== null) return JSON.parse(cached) as string[];
    // nodeos answers an unknown account with an error body (a 500): that account has no keys.
    const answer = await unavailableOnFailure(
      () => this.client.call({ path: '/v1/chain/get_account', params: { account_name: coopname } }),
      { permissions: [] },
    );
    const keys = signingKeys(answer);
    await this.cache.set(key, JSON.stringify(keys), CACHE_MS);
    return keys;
  }

  async existingAccountKeys(name: string): Promise<string[] | null> {
    let answer: unknown;
    try {
      answer = await this.client.call({
        path: '/v1/chain/get_account',
        params: { account_name: name },
      });
    } catch (error) {
      if (error instanceof APIError && isUnknownAccount(error)) return null;
      throw new AppError('SERVICE_UNAVAILABLE', 503, { cause: error });
    }
    return signingKeys(answer);
  }
}
