import { createHash } from 'node:crypto';

/**
 * The audit subject of a cooperative's own events that belong to no member (`connect.opened`):
 * one of 16 chains per cooperative (the first hex digit of the visit id picks it), UUIDs of the
 * version 5 layout derived from the coopname — so visits neither add a chain each for the
 * checkpoints to cover nor all queue on one chain's head.
 */
export function cooperativeSubject(coopname: string, visitId: string): string {
  const shard = visitId.charAt(0);
  const hash = createHash('sha1').update(`cardcoop:cooperative:${coopname}:${shard}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
