import type { MembershipProvider, MembershipStatus } from './membership.provider.js';
import type { MembershipsRepository } from './memberships.repository.js';

/** Memberships the cooperatives confirm themselves, kept in our database. */
export class BuiltinMembershipProvider implements MembershipProvider {
  constructor(private readonly memberships: MembershipsRepository) {}

  async status(coopname: string, username: string): Promise<MembershipStatus> {
    return (await this.memberships.exists(coopname, username)) ? 'confirmed' : 'applicant';
  }

  async statuses(accounts: { coopname: string; username: string }[]): Promise<MembershipStatus[]> {
    const confirmed = await this.memberships.confirmedAmong(accounts);
    return accounts.map(({ coopname, username }) =>
      confirmed.has(`${coopname}/${username}`) ? 'confirmed' : 'applicant',
    );
  }

  /** The built-in registry keeps no account keys: a certificate is checked for itself only. */
  accountKeys(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  /** Nor any accounts: usernames are ours to give out. */
  existingAccountKeys(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
}
