import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { BoundedMap } from '../../common/bounded-map.js';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import type { StopListening } from '../../db/notices.js';
import { MetricsService } from '../../infra/metrics/metrics.service.js';
import type { SessionRow } from './sessions.repository.js';

/** The channel of migration 0034's triggers: a session id, or '*' for all. */
export const SESSION_CHANGED = 'session_changed';
/**
 * A kept check is read again after at most this long, whatever the notices said (a safety net):
 * after a random time between half of it and all of it, so that sessions first read together
 * (all of them, after a start) are not read again together every 30 s.
 */
export const SESSION_KEEP_MS = 30_000;
const keptUntil = () => Date.now() + SESSION_KEEP_MS * (0.5 + Math.random() / 2);
/** Sessions kept per node at most (the least recently used go first): ~1 KB each. */
const KEPT_SESSIONS = 50_000;

/**
 * Live sessions as this node last read them from the primary, so that an authenticated request
 * does not read its session again (ADR 024). A kept session is dropped when PostgreSQL says it
 * changed (a trigger's NOTIFY at commit reaches every node) and at once on the node that changed
 * it (`forget`). Nothing is kept while this node is not listening: a notice sent meanwhile would
 * be lost, so every request reads the primary then, as before ADR 024.
 */
@Injectable()
export class SessionCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SessionCache');
  private readonly kept = new BoundedMap<string, { row: SessionRow; until: number }>(KEPT_SESSIONS);
  private listening = false;
  /** Moves on with every notice: a read that started before one is not kept. */
  private generation = 0;
  private stop: StopListening | undefined;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    // Absent in a command-line tool, which keeps nothing (it never listens).
    @Optional() @Inject(MetricsService) private readonly metrics?: MetricsService,
  ) {
    metrics?.observeSessionNotices(() => this.listening);
  }

  async onModuleInit(): Promise<void> {
    this.stop = await this.database.listen(SESSION_CHANGED, {
      notice: (id) => (id === '*' ? this.forgetAll() : this.forget(id)),
      up: () => {
        this.forgetAll();
        this.listening = true;
      },
      down: () => {
        this.listening = false;
        this.forgetAll();
        this.logger.warn('not listening for session changes: every check reads the database');
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.listening = false;
    await this.stop?.();
  }

  /** The session `id`: as kept, or `load`ed (and kept if live and nothing changed meanwhile). */
  async read(
    id: string,
    load: () => Promise<SessionRow | undefined>,
  ): Promise<SessionRow | undefined> {
    const kept = this.listening ? this.kept.get(id) : undefined;
    if (kept && kept.until > Date.now()) {
      this.metrics?.countSessionCheck('kept');
      return kept.row;
    }
    this.metrics?.countSessionCheck('database');
    const generation = this.generation;
    const row = await load();
    if (row && !row.revokedAt && this.listening && generation === this.generation)
      this.kept.set(id, { row, until: keptUntil() });
    return row;
  }

  /** This node changed these sessions: drop them now, before the notice arrives. */
  forget(...ids: string[]): void {
    this.generation += 1;
    for (const id of ids) this.kept.delete(id);
  }

  private forgetAll(): void {
    this.generation += 1;
    this.kept.clear();
  }
}
