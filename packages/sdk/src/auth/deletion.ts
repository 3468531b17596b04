import { codeSentSchema, deletionScheduledSchema, deletionStatusSchema } from '@cardcoop/contracts';
import type { CodeSent, DeletionScheduled, DeletionStatus } from '@cardcoop/contracts';
import type { HttpClient } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';
import { AUTH_PATH, parseResponse } from './common.js';

/**
 * "Lost everything" (no password, no Recovery Kit), step 1: e-mails a code that schedules the
 * deletion of the account. The answer is the same for unknown addresses.
 *
 * @example
 * ```ts
 * await requestDeletion(http, 'ann@example.org');
 * ```
 */
export async function requestDeletion(http: HttpClient, email: string): Promise<CodeSent> {
  return parseResponse(
    codeSentSchema,
    await http.request(`${AUTH_PATH}/deletion/initiate`, { method: 'POST', body: { email } }),
    'deletion/initiate',
  );
}

/**
 * Input of {@link confirmDeletion}.
 *
 * @example
 * ```ts
 * const input: ConfirmDeletionInput = { email: 'ann@example.org', code: '123456' };
 * ```
 */
export interface ConfirmDeletionInput {
  email: string;
  /** The 6-digit code from the e-mail. */
  code: string;
}

/**
 * Step 2: schedules the deletion 72 hours ahead; any signed-in device can cancel it until then
 * ({@link cancelDeletion}). Afterwards the account, card and grants are gone for good.
 *
 * @throws CardCoopError `INVALID_CODE`, `CODE_EXPIRED`, `TOO_MANY_ATTEMPTS`,
 * `ACCOUNT_CHANGE_PENDING` (an e-mail change can still be reverted).
 * @example
 * ```ts
 * const { deletion_due_at } = await confirmDeletion(http, { email, code });
 * ```
 */
export async function confirmDeletion(
  http: HttpClient,
  { email, code }: ConfirmDeletionInput,
): Promise<DeletionScheduled> {
  return parseResponse(
    deletionScheduledSchema,
    await http.request(`${AUTH_PATH}/deletion/confirm`, {
      method: 'POST',
      body: { email, code },
    }),
    'deletion/confirm',
  );
}

/**
 * Cancels a scheduled deletion of the signed-in member's account.
 *
 * @throws CardCoopError `NOT_FOUND` when no deletion is scheduled.
 * @example
 * ```ts
 * if (banner.deletionScheduled) await cancelDeletion(manager);
 * ```
 */
export async function cancelDeletion(member: MemberSessionManager): Promise<void> {
  await member.request(`${AUTH_PATH}/deletion`, { method: 'DELETE' });
}

/**
 * Whether a deletion is scheduled for the signed-in member, and when it is due (`null`: none).
 *
 * @example
 * ```ts
 * const { deletion_due_at } = await deletionStatus(manager);
 * ```
 */
export async function deletionStatus(member: MemberSessionManager): Promise<DeletionStatus> {
  return parseResponse(
    deletionStatusSchema,
    await member.request(`${AUTH_PATH}/deletion`),
    'deletion',
  );
}
