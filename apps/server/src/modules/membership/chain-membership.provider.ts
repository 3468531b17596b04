import { APIClient, Name } from '@wharfkit/antelope';
import type { Cache } from '../../infra/cache/cache.js';
import type { MembershipProvider, MembershipStatus } from './membership.provider.js';

const CACHE_MS = 60_000;

/** Participant row of ПК ВОСХОД / MONO's `soviet` contract (the fields we rely on). */
interface ParticipantRow {
  username: string;
  status: string;
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
    if (cached === 'confirmed' || cached === 'pending') return cached;
    const { rows } = await this.client.v1.chain.get_table_rows({
      json: true,
      code: 'soviet',
      scope: coopname,
      table: 'participants',
      lower_bound: Name.from(username),
      upper_bound: Name.from(username),
      limit: 1,
    });
    const row = (rows as ParticipantRow[])[0];
    const status: MembershipStatus =
      row?.username === username && row.status !== 'blocked' ? 'confirmed' : 'pending';
    await this.cache.set(key, status, CACHE_MS);
    return status;
  }
}
