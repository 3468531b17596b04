import { CardCoopError } from '@cardcoop/sdk';
import type { CardRecord, MemberClient, PreparedAccess } from '@cardcoop/sdk';
import { useCallback, useEffect, useState } from 'react';
import type { ConnectTarget } from './connect-target';
import { renewableFields } from './quick-entry';

/** What runs before the consent screen, in order; each step has its progress text. */
export type PreparationStep = 'reading-card' | 'checking-key';

export type Preparation =
  | { status: 'working'; step: PreparationStep }
  /** The member has no card yet: nothing to share until they issue one. */
  | { status: 'no-card' }
  /** The cooperative shares with confirmed members only, and this member is not one. */
  | { status: 'not-member' }
  | {
      status: 'ready';
      access: PreparedAccess;
      card: CardRecord['data'];
      /** Quick entry (ADR 018): share these fields again without asking; absent: ask. */
      renew?: string[] | undefined;
    }
  | { status: 'failed'; error: unknown };

const hasCode = (error: unknown, code: string) =>
  error instanceof CardCoopError && error.code === code;

/**
 * Everything the consent screen needs: the card (to show the values that would leave) and the
 * cooperative's key, verified on this device. Nothing is created here: a member with no account
 * in a cooperative that admits applicants gets one only when they share (the SDK makes it with
 * the grant), so declining leaves no trace.
 */
export async function prepareConnect(
  member: MemberClient,
  target: ConnectTarget,
  quickEntry: boolean,
  onStep: (step: PreparationStep) => void,
): Promise<Preparation> {
  onStep('reading-card');
  let card: CardRecord;
  try {
    card = await member.card.get();
  } catch (error) {
    if (hasCode(error, 'NOT_FOUND')) return { status: 'no-card' };
    throw error;
  }
  onStep('checking-key');
  try {
    const access = await member.access.prepare(target.coopname);
    if (!quickEntry) return { status: 'ready', access, card: card.data };
    const renew = renewableFields({
      grants: await member.access.list(),
      coopname: target.coopname,
      username: access.prepared.username,
      requested: access.prepared.requested_fields,
      card: card.data,
    });
    return { status: 'ready', access, card: card.data, renew };
  } catch (error) {
    // No confirmed account in a cooperative for members only (closed ones do not count).
    if (hasCode(error, 'NOT_A_MEMBER')) return { status: 'not-member' };
    throw error;
  }
}

/**
 * {@link prepareConnect} for the signed-in member; `retry` starts it over (a card made since).
 * `quickEntry`: the request asked `prompt=none` and this page may honour it.
 */
export function usePreparation(member: MemberClient, target: ConnectTarget, quickEntry: boolean) {
  const [preparation, setPreparation] = useState<Preparation>({
    status: 'working',
    step: 'reading-card',
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    const report = (next: Preparation) => current && setPreparation(next);
    prepareConnect(member, target, quickEntry, (step) => report({ status: 'working', step })).then(
      report,
      (error: unknown) => report({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [member, target, quickEntry, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { preparation, retry };
}
