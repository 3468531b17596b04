import type { AuditEvent } from '@cardcoop/contracts';

/** One entry of the member's security log (`member.audit.list()`, newest first). */
export type { AuditEvent };

/** When the account is due for deletion, if a deletion is scheduled and not cancelled. */
export function pendingDeletion(events: readonly AuditEvent[]): Date | undefined {
  const last = events.find(
    ({ type }) => type === 'deletion.scheduled' || type === 'deletion.cancelled',
  );
  if (last?.type !== 'deletion.scheduled' || typeof last.data.due !== 'string') return undefined;
  return new Date(last.data.due);
}
