import { createHash } from 'node:crypto';

export type AuditData = Record<string, string | number | boolean | null>;

/** What an event's hash is computed over, besides its predecessor's hash. */
export interface HashedEvent {
  subjectId: string;
  seq: number;
  type: string;
  at: Date;
  data: AuditData;
}

/** The predecessor hash of a chain's first event. */
export const GENESIS = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const sortedData = (data: AuditData) =>
  Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Version 1 (events written before migration 0002): the server hashed the whole event together
 * with its predecessor's hash.
 */
export function eventHashV1(prevHash: string, event: HashedEvent): string {
  const { subjectId, seq, type, at, data } = event;
  return sha256(
    JSON.stringify([prevHash, subjectId, seq, type, at.toISOString(), sortedData(data)]),
  );
}

/** What the server hashes of an event it appends: type, time and data (keys sorted). */
export function contentDigest(event: Pick<HashedEvent, 'type' | 'at' | 'data'>): string {
  return sha256(JSON.stringify([event.type, event.at.toISOString(), sortedData(event.data)]));
}

/**
 * Version 2, computed by the database function `audit_append` (migration 0002) as the event is
 * inserted: the predecessor's hash, the subject, the sequence number and the content digest.
 * Editing, deleting or reordering an event breaks the chain either way.
 */
export function eventHashV2(prevHash: string, event: HashedEvent): string {
  return sha256(`${prevHash}:${event.subjectId}:${event.seq}:${contentDigest(event)}`);
}
