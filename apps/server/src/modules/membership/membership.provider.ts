export type MembershipStatus = 'confirmed' | 'pending';

/**
 * Whether `username` is a member of `coopname`: confirmed by the cooperative through its API
 * (built-in) or read from the chain (`soviet/participants`).
 */
export interface MembershipProvider {
  status(coopname: string, username: string): Promise<MembershipStatus>;
}

export const MEMBERSHIP_PROVIDER = Symbol('MEMBERSHIP_PROVIDER');
