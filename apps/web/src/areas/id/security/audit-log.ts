import { CardCoopError } from '@cardcoop/sdk';
import type { MemberClient } from '@cardcoop/sdk';

const AUDIT_PATH = '/api/v1/audit';

export type AuditValue = string | number | boolean | null;

/** One entry of the member's security log (`GET /audit`, newest first). */
export interface AuditEvent {
  seq: number;
  type: string;
  /** ISO 8601. */
  at: string;
  data: Record<string, AuditValue>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isValue = (value: unknown): value is AuditValue =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

function isAuditEvent(value: unknown): value is AuditEvent {
  return (
    isRecord(value) &&
    typeof value.seq === 'number' &&
    typeof value.type === 'string' &&
    typeof value.at === 'string' &&
    !Number.isNaN(Date.parse(value.at)) &&
    isRecord(value.data) &&
    Object.values(value.data).every(isValue)
  );
}

/** The member's last 100 events; an answer of another shape is refused, never shown. */
export async function readAuditLog(member: MemberClient): Promise<AuditEvent[]> {
  const answer = await member.session.request<unknown>(AUDIT_PATH);
  const events = isRecord(answer) ? answer.events : undefined;
  if (!Array.isArray(events) || !events.every(isAuditEvent)) {
    throw new CardCoopError('INVALID_RESPONSE', 'Unexpected answer from audit.', { status: 200 });
  }
  return events;
}

/** When the account is due for deletion, if a deletion is scheduled and not cancelled. */
export function pendingDeletion(events: readonly AuditEvent[]): Date | undefined {
  const last = events.find(
    ({ type }) => type === 'deletion.scheduled' || type === 'deletion.cancelled',
  );
  if (last?.type !== 'deletion.scheduled' || typeof last.data.due !== 'string') return undefined;
  return new Date(last.data.due);
}
