import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditRow } from './audit.repository.js';

export type AuditData = Record<string, string | number | boolean | null>;

export interface AuditEvent {
  seq: number;
  type: string;
  at: string;
  data: AuditData;
}

const GENESIS = '0'.repeat(64);
const MAX_RETRIES = 5;

/** The hash of an event covers its predecessor's hash: editing or deleting breaks the chain. */
export function eventHash(
  prevHash: string,
  event: { subjectId: string; seq: number; type: string; at: Date; data: AuditData },
): string {
  const data = Object.fromEntries(
    Object.entries(event.data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const body = JSON.stringify([
    prevHash,
    event.subjectId,
    event.seq,
    event.type,
    event.at.toISOString(),
    data,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

@Injectable()
export class AuditService {
  constructor(
    @Inject(AuditRepository) private readonly events: AuditRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
  ) {}

  /** Appends an event to the subject's chain; the IP is sealed, never stored in clear. */
  async record(subjectId: string, type: string, data: AuditData = {}, ip?: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt += 1) {
      const head = await this.events.head(subjectId);
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS;
      const at = new Date();
      const hash = eventHash(prevHash, { subjectId, seq, type, at, data });
      const ipSealed = ip ? this.crypto.seal('ip', ip, `audit:${subjectId}`) : null;
      if (await this.events.append({ subjectId, seq, type, at, data, prevHash, hash, ipSealed }))
        return;
    }
    throw new Error(`audit chain of ${subjectId} stayed contended`);
  }

  async list(subjectId: string, limit = 100): Promise<AuditEvent[]> {
    return (await this.events.list(subjectId, limit)).map(toEvent);
  }

  /** Recomputes the subject's chain; false when any event was altered, removed or reordered. */
  async verifyChain(subjectId: string): Promise<boolean> {
    let prev = GENESIS;
    let seq = 0;
    for (const row of await this.events.chain(subjectId)) {
      seq += 1;
      const expected = eventHash(prev, { ...row, data: row.data as AuditData });
      if (row.seq !== seq || row.prevHash !== prev || row.hash !== expected) return false;
      prev = row.hash;
    }
    return true;
  }
}

function toEvent(row: AuditRow): AuditEvent {
  return { seq: row.seq, type: row.type, at: row.at.toISOString(), data: row.data as AuditData };
}
