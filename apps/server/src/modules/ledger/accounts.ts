/**
 * Ledger account names (ADR 021). Balances are "what is held" positive: a cooperative's funds,
 * money in transit, a card's balance and collected fees grow with positive entries; the
 * `external:*` accounts are the outside world's side (money put in is negative there).
 */
export const PROVIDER_MASTER = 'provider:master';
export const FEES_OPERATOR = 'fees:operator';
export const TRANSIT_DEPOSITS = 'transit:deposits';
export const EXTERNAL_FUNDING = 'external:funding';
export const EXTERNAL_MERCHANTS = 'external:merchants';

const FIXED = new Set([
  PROVIDER_MASTER,
  FEES_OPERATOR,
  TRANSIT_DEPOSITS,
  EXTERNAL_FUNDING,
  EXTERNAL_MERCHANTS,
]);
const COOPNAME = /^[a-z1-5.]{1,12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `coop:<coopname>:funds`: the cooperative's share of the master account. */
export function coopFunds(coopname: string): string {
  const account = `coop:${coopname}:funds`;
  assertAccount(account);
  return account;
}

/** `card:<uuid>`: a virtual card's balance (our card id, lower case). */
export function cardAccount(cardId: string): string {
  const account = `card:${cardId}`;
  assertAccount(account);
  return account;
}

export function isAccount(name: string): boolean {
  if (FIXED.has(name)) return true;
  const [kind, middle, last, ...rest] = name.split(':');
  if (rest.length > 0) return false;
  if (kind === 'coop') return last === 'funds' && COOPNAME.test(middle ?? '');
  if (kind === 'card') return last === undefined && UUID.test(middle ?? '');
  return false;
}

export function assertAccount(name: string): void {
  if (!isAccount(name)) throw new LedgerInvariantError(`unknown ledger account "${name}"`);
}

/** A programming error: the code tried to post something the ledger never accepts (a 500). */
export class LedgerInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerInvariantError';
  }
}

const CURRENCY = /^[A-Z]{3}$/;

export function assertCurrency(currency: string): void {
  if (!CURRENCY.test(currency)) throw new LedgerInvariantError(`bad currency "${currency}"`);
}

/** Amounts are JS numbers holding integer minor units, never beyond Number.MAX_SAFE_INTEGER. */
export function assertMinorUnits(amount: number, what = 'amount'): void {
  if (!Number.isSafeInteger(amount)) {
    throw new LedgerInvariantError(`${what} ${String(amount)} is not a safe integer`);
  }
}

/** A PostgreSQL bigint/numeric read as text, as a safe JS number (refuses anything larger). */
export function toMinorUnits(value: unknown): number {
  const big = BigInt(String(value ?? 0));
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new LedgerInvariantError(`sum ${big.toString()} exceeds Number.MAX_SAFE_INTEGER`);
  }
  return Number(big);
}
