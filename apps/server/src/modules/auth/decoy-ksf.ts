import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_KSF } from '@cardcoop/contracts';
import type { Ksf } from '@cardcoop/contracts';
import { AccountsRepository } from './accounts.repository.js';

const REFRESH_MS = 5 * 60_000;

interface Tally {
  at: number;
  entries: { ksf: Ksf; count: number }[];
  total: number;
}

/**
 * The key-stretching parameters `initiate-login` names for an address without an account. Real
 * accounts keep the KSF their client chose, so answering every unknown address with the default
 * would single out the real accounts whose KSF differs. A decoy's KSF is drawn from the KSFs of
 * the real accounts, in their proportions, by a number derived from the address's HMAC lookup:
 * the same address always gets the same answer, and across addresses the answers are spread as
 * the real ones are.
 */
@Injectable()
export class DecoyKsf {
  private cached: Tally | undefined;
  private loading: Promise<Tally> | undefined;

  constructor(@Inject(AccountsRepository) private readonly accounts: AccountsRepository) {}

  /** Call it for known addresses too (and ignore the answer): the work is then the same. */
  async for(emailLookup: string): Promise<Ksf> {
    const { entries, total } = await this.current();
    if (total === 0) return DEFAULT_KSF;
    // The lookup is `<kid>.<base64url HMAC>`: 48 bits of it are a uniform number.
    const mac = Buffer.from(emailLookup.slice(emailLookup.indexOf('.') + 1), 'base64url');
    let pick = mac.readUIntBE(0, 6) % total;
    for (const entry of entries) {
      if (pick < entry.count) return entry.ksf;
      pick -= entry.count;
    }
    return DEFAULT_KSF;
  }

  private async current(): Promise<Tally> {
    if (this.cached && Date.now() - this.cached.at < REFRESH_MS) return this.cached;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    this.cached = await this.loading;
    return this.cached;
  }

  private async load(): Promise<Tally> {
    const entries = (await this.accounts.ksfTally()) as Tally['entries'];
    const total = entries.reduce((sum, row) => sum + row.count, 0);
    return { at: Date.now(), entries, total };
  }
}
