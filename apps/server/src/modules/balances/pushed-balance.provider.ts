import { accountKey } from './balance.provider.js';
import type { AccountBalances, AccountRef, BalanceProvider } from './balance.provider.js';
import type { BalancesRepository } from './balances.repository.js';

/** The balances cooperatives push over their API, as last pushed. */
export class PushedBalanceProvider implements BalanceProvider {
  constructor(private readonly balances: BalancesRepository) {}

  async balancesOf(accounts: AccountRef[]): Promise<Map<string, AccountBalances>> {
    const rows = await this.balances.of(accounts);
    return new Map(rows.map((row) => [accountKey(row), { asOf: row.asOf, funds: row.funds }]));
  }
}
