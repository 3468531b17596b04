import type { FundBalance } from '@cardcoop/contracts';

/** One account's balances: the funds and when the figures were true. */
export interface AccountBalances {
  asOf: Date;
  funds: FundBalance[];
}

/** An account in a cooperative, and the key {@link BalanceProvider.balancesOf} answers under. */
export interface AccountRef {
  coopname: string;
  username: string;
}
export const accountKey = ({ coopname, username }: AccountRef): string => `${coopname}/${username}`;

/**
 * Where a member's balances in a cooperative come from. The implementation in use is
 * {@link PushedBalanceProvider}: what each cooperative pushes over its API
 * (`PUT /coop/members/{username}/balances`). Callers show balances only for confirmed
 * memberships (the membership provider decides); the provider itself does not check.
 */
export interface BalanceProvider {
  /** The balances of these accounts by {@link accountKey}; an account with none is absent. */
  balancesOf(accounts: AccountRef[]): Promise<Map<string, AccountBalances>>;
}

export const BALANCE_PROVIDER = Symbol('BALANCE_PROVIDER');

/**
 * A reader of balances kept on the Antelope chain, for a `BalanceProvider` over the chain (as
 * `ChainMembershipProvider` reads `soviet/participants`). No public contract table of a
 * member's share and fee balances is known to us yet, so none is implemented: once one is
 * confirmed, implement this with `get_table_rows` (code = the contract, scope = coopname,
 * lower_bound = upper_bound = username), map its rows to funds in minor units, and choose it in
 * `BalancesModule` when `CHAIN_RPC_URL` is set.
 */
export interface ChainBalanceReader {
  /** The account's balances as the chain holds them; null when the chain has no row for it. */
  read(account: AccountRef): Promise<AccountBalances | null>;
}
