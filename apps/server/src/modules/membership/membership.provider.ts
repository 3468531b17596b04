export type { MembershipStatus } from '@cardcoop/contracts';
import type { MembershipStatus } from '@cardcoop/contracts';

/**
 * Whether `username` is a member of `coopname`: confirmed by the cooperative through its API
 * (built-in) or read from the chain (`soviet/participants`).
 */
export interface MembershipProvider {
  status(coopname: string, username: string): Promise<MembershipStatus>;
  /** {@link status} of several accounts at once, in their order. */
  statuses(accounts: { coopname: string; username: string }[]): Promise<MembershipStatus[]>;
  /**
   * The K1 keys (`PUB_K1_…`) of the `owner` and `active` permissions of the cooperative's
   * account — the keys allowed to certify its data key. Empty for an account the registry does
   * not know; undefined when the registry holds no keys at all (built-in).
   *
   * @throws AppError `SERVICE_UNAVAILABLE` when the registry cannot be reached.
   */
  accountKeys(coopname: string): Promise<string[] | undefined>;
  /**
   * Whether the account `name` exists in the registry, asked afresh (no cache): the K1 keys of
   * its `owner` and `active` permissions when it does (possibly none), null when it does not,
   * undefined when the registry knows no accounts (built-in).
   *
   * @throws AppError `SERVICE_UNAVAILABLE` when the registry cannot be reached or answers with
   * anything but "no such account".
   */
  existingAccountKeys(name: string): Promise<string[] | null | undefined>;
}

export const MEMBERSHIP_PROVIDER = Symbol('MEMBERSHIP_PROVIDER');
