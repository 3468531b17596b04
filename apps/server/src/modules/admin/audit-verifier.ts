import { Inject, Injectable } from '@nestjs/common';
import type { AuditVerification } from '@cardcoop/contracts';
import { AuditCheckpointService } from '../audit/audit-checkpoint.service.js';
import { eventHashV1, eventHashV2, GENESIS } from '../audit/audit-hash.js';
import type { AuditData } from '../audit/audit-hash.js';
import { AdminAuditRepository } from './admin-audit.repository.js';
import type { AuditEventRow } from './admin-audit.repository.js';

const BATCH = 2000;
/** Each checkpoint costs a pass over the heads: the latest ones are checked (5 min apart). */
const CHECKPOINTS = 100;

/** The hash an event must have after its predecessor's, by the version that wrote it. */
function expectedHash(prevHash: string, row: AuditEventRow): string {
  const event = { ...row, data: row.data as AuditData };
  return row.hashVersion === 1 ? eventHashV1(prevHash, event) : eventHashV2(prevHash, event);
}

/**
 * Recomputes every subject's chain (in batches, subject by subject) and checks the latest signed
 * checkpoints against the chains they cover: the audit viewer's "verify" button.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @Inject(AdminAuditRepository) private readonly events: AdminAuditRepository,
    @Inject(AuditCheckpointService) private readonly checkpoints: AuditCheckpointService,
  ) {}

  async verify(): Promise<AuditVerification> {
    let checked = 0;
    let subjects = 0;
    let firstBroken: number | null = null;
    let subject = '';
    let prev = GENESIS;
    let seq = 0;
    let brokenSubject = false;
    let after: { subjectId: string; seq: number } | undefined;
    for (;;) {
      const rows = await this.events.chainsAfter(after, BATCH);
      for (const row of rows) {
        if (row.subjectId !== subject) {
          subject = row.subjectId;
          subjects += 1;
          prev = GENESIS;
          seq = 0;
          brokenSubject = false;
        }
        seq += 1;
        checked += 1;
        const intact =
          row.seq === seq && row.prevHash === prev && row.hash === expectedHash(prev, row);
        // After a break the rest of the chain proves nothing new: one report per subject.
        if (!intact && !brokenSubject) {
          brokenSubject = true;
          firstBroken = Math.min(firstBroken ?? row.id, row.id);
        }
        prev = row.hash;
        seq = row.seq;
      }
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1]!;
      after = { subjectId: last.subjectId, seq: last.seq };
    }
    let firstBrokenCheckpoint: number | null = null;
    const checkpoints = await this.events.checkpoints(CHECKPOINTS);
    for (const checkpoint of [...checkpoints].reverse()) {
      if (!(await this.checkpoints.verify(checkpoint))) {
        firstBrokenCheckpoint = checkpoint.id;
        break;
      }
    }
    return {
      ok: firstBroken === null && firstBrokenCheckpoint === null,
      checked,
      subjects,
      first_broken_id: firstBroken,
      checkpoints_checked: checkpoints.length,
      first_broken_checkpoint_id: firstBrokenCheckpoint,
    };
  }
}
