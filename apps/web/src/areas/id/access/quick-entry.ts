import type { Grant } from '@cardcoop/contracts';
import { sharedFields } from './shared-fields';

/** What the quick-entry decision looks at (ADR 018). */
export interface RenewalInput {
  /** The member's grants (`member.access.list()`), revoked ones included. */
  grants: readonly Grant[];
  coopname: string;
  /** The member's account there (from `prepare`); null: none yet, so nothing was granted. */
  username: string | null;
  /** The fields the cooperative asks for now. */
  requested: readonly string[];
  /** The member's card data now. */
  card: object;
}

/**
 * Quick entry (`prompt=none`, ADR 018): the fields to share again without asking, or undefined
 * when the member must see the consent screen — no live grant under this account, or the
 * cooperative now asks for a field the card holds that the grant does not cover (the request
 * grew, or the member left it out last time). Only fields the member already consented to leave,
 * with their current values.
 *
 * @example
 * ```ts
 * renewableFields({ grants, coopname: 'voskhod', username: 'ivanovivanov', requested, card });
 * // ['first_name', 'last_name'] — share these now; undefined — ask
 * ```
 */
export function renewableFields(input: RenewalInput): string[] | undefined {
  const grant = input.grants.find(
    (candidate) =>
      candidate.coopname === input.coopname &&
      candidate.username === input.username &&
      candidate.revoked_at === null,
  );
  if (!grant) return undefined;
  const granted = new Set(grant.fields);
  const held = sharedFields(input.card, input.requested).present.map((field) => field.name);
  if (held.length === 0 || !held.every((field) => granted.has(field))) return undefined;
  return held;
}

/**
 * Whether this page may share without asking: never inside a frame, where the member cannot see
 * whose page holds card.coop and a hidden iframe could mint tickets unnoticed (ADR 018).
 */
export function mayRenewSilently(embedded: boolean): boolean {
  return !embedded && window.top === window.self;
}
