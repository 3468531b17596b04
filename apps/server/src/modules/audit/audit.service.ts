import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent, AuditLog } from '@cardcoop/contracts';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { draftEvent } from './audit-draft.js';
import { eventHashV1, eventHashV2, GENESIS } from './audit-hash.js';
import type { AuditData } from './audit-hash.js';
import { AuditRepository } from './audit.repository.js';
import type { ListedAuditRow, PendingEvent } from './audit.repository.js';

interface AuditJob {
  /** null: a decoy, dropped (see `recordLater`). */
  subjectId: string | null;
  type: string;
  data: AuditData;
  ip?: string | undefined;
}

@Injectable()
export class AuditService {
  constructor(
    @Inject(AuditRepository) private readonly events: AuditRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {
    jobs.handle('audit', async (payload) => {
      const job = payload as AuditJob;
      if (job.subjectId) await this.record(job.subjectId, job.type, job.data, job.ip);
    });
  }

  /**
   * Records an event that changes no data through the job queue (durably, after the answer).
   * `subjectId: null` queues a decoy that is dropped: a request that audits only when an address
   * has an account (a failed login) does the same work either way, so its timing tells nothing.
   */
  async recordLater(
    subjectId: string | null,
    type: string,
    data: AuditData = {},
    ip?: string,
  ): Promise<void> {
    const job: AuditJob = { subjectId, type, data, ip };
    await this.jobs.enqueue('audit', job);
  }

  /**
   * Appends an event to the subject's chain in one statement; the IP is sealed, never stored in
   * clear.
   */
  async record(subjectId: string, type: string, data: AuditData = {}, ip?: string): Promise<void> {
    const { draft, ipSealed } = this.eventFor(subjectId, type, data, ip);
    await this.events.append(subjectId, draft, ipSealed);
  }

  /**
   * An event to append in the statement of the change it records (`appendEventSql`), so both
   * commit together: the draft and the sealed IP.
   */
  eventFor(subjectId: string, type: string, data: AuditData = {}, ip?: string): PendingEvent {
    return {
      draft: draftEvent(type, data),
      ipSealed: ip ? this.crypto.seal('ip', ip, `audit:${subjectId}`) : null,
    };
  }

  /** A page of the subject's events, newest first: those before `cursor` (a `seq`), if given. */
  async page(
    subjectId: string,
    { cursor, limit = 100 }: { cursor?: string | undefined; limit?: number | undefined },
  ): Promise<AuditLog> {
    const rows = await this.events.list(subjectId, limit + 1, cursor ? Number(cursor) : undefined);
    const events = rows.slice(0, limit).map(toEvent);
    const more = rows.length > limit;
    return { events, next_cursor: more ? String(events.at(-1)!.seq) : null };
  }

  /** Recomputes the subject's chain; false when any event was altered, removed or reordered. */
  async verifyChain(subjectId: string): Promise<boolean> {
    let prev = GENESIS;
    let seq = 0;
    for (const row of await this.events.chain(subjectId)) {
      seq += 1;
      const event = { ...row, data: row.data as AuditData };
      const expected = row.hashVersion === 1 ? eventHashV1(prev, event) : eventHashV2(prev, event);
      if (row.seq !== seq || row.prevHash !== prev || row.hash !== expected) return false;
      prev = row.hash;
    }
    return true;
  }
}

function toEvent(row: ListedAuditRow): AuditEvent {
  return {
    seq: row.seq,
    type: row.type,
    at: row.at.toISOString(),
    data: row.data as AuditData,
    ...(row.displayName === null ? {} : { display_name: row.displayName }),
  };
}
