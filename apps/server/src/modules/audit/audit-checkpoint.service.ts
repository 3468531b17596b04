import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PeriodicTask } from '../../infra/scheduler/periodic-task.js';
import { Scheduler } from '../../infra/scheduler/scheduler.js';
import { TokenService } from '../tokens/token.service.js';
import { AuditRepository } from './audit.repository.js';
import type { ChainHead, CheckpointRow } from './audit.repository.js';

const EVERY_MS = 5 * 60_000;
const TYP = 'cardcoop-audit-checkpoint+jws';

interface CheckpointStatement {
  root: string;
  subjects: number;
  last_event_id: number;
  at: string;
}

/** One hash over every chain head: changing any chain changes it. */
export function headsRoot(heads: ChainHead[]): string {
  const lines = heads.map((head) => `${head.subjectId}:${head.seq}:${head.hash}`).join('\n');
  return createHash('sha256').update(lines).digest('hex');
}

/**
 * Every 5 minutes (on one node: a periodic task in PostgreSQL) the heads of all audit chains are
 * committed to by a checkpoint signed with the server's JWKS key, so history cannot be rewritten
 * quietly, not even a whole chain of one subject.
 */
@Injectable()
export class AuditCheckpointService {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(AuditRepository) private readonly events: AuditRepository,
    @Inject(TokenService) private readonly signer: TokenService,
    @Inject(Scheduler) scheduler: Scheduler,
  ) {
    this.task = scheduler.every('audit-checkpoint', EVERY_MS, () => this.write());
  }

  /** Writes a checkpoint when events were added since the last one; returns it, if written. */
  async checkpoint(): Promise<CheckpointRow | undefined> {
    return this.task.runOnce(() => this.write());
  }

  private async write(): Promise<CheckpointRow | undefined> {
    const lastEventId = await this.events.lastEventId();
    const previous = await this.events.latestCheckpoint();
    if (lastEventId === 0 || previous?.lastEventId === lastEventId) return undefined;
    const heads = await this.events.heads(lastEventId);
    const at = new Date();
    const statement: CheckpointStatement = {
      root: headsRoot(heads),
      subjects: heads.length,
      last_event_id: lastEventId,
      at: at.toISOString(),
    };
    return await this.events.addCheckpoint({
      at,
      lastEventId,
      subjects: heads.length,
      root: statement.root,
      signature: await this.signer.signStatement(statement, TYP),
    });
  }

  /** True when the checkpoint is signed by us and still matches the chains it covers. */
  async verify(checkpoint: CheckpointRow): Promise<boolean> {
    const statement = (await this.signer.verifyStatement(
      checkpoint.signature,
      TYP,
    )) as CheckpointStatement | null;
    if (
      !statement ||
      statement.root !== checkpoint.root ||
      statement.last_event_id !== checkpoint.lastEventId
    )
      return false;
    return headsRoot(await this.events.heads(checkpoint.lastEventId)) === statement.root;
  }
}
