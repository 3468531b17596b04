import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { refreshTokens, sessions } from '../../db/schema/index.js';
import { appendEvent, appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { SessionCache } from './session-cache.js';

export type SessionRow = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export interface RefreshLookup {
  token: RefreshTokenRow;
  session: SessionRow;
}

@Injectable()
export class SessionsRepository {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(SessionCache) private readonly cache: SessionCache,
  ) {}

  private get db(): AppDatabase {
    return this.database.primary;
  }

  /**
   * Creates a session and its first refresh token, with the audit event `eventFor` makes of the
   * session if given, in the caller's transaction `tx` or else in one of its own.
   */
  async create(
    session: NewSession,
    refreshHash: string,
    { tx, eventFor }: { tx?: AppDatabase; eventFor?: (sessionId: string) => PendingEvent } = {},
  ): Promise<SessionRow> {
    const work = async (tx: AppDatabase): Promise<SessionRow> => {
      const [row] = await tx.insert(sessions).values(session).returning();
      await tx.insert(refreshTokens).values({ hash: refreshHash, sessionId: row!.id });
      if (eventFor) await appendEvent(tx, row!.userId, eventFor(row!.id));
      return row!;
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  // Every authenticated request needs its session: prepared once per connection.
  private readonly byId = this.database.primary
    .select()
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('session_by_id');

  /**
   * From the primary (a revocation must be seen at the very next request), or as this node kept
   * it while nothing changed it since (ADR 024).
   */
  async find(id: string): Promise<SessionRow | undefined> {
    return this.cache.read(id, async () => (await this.byId.execute({ id }))[0]);
  }

  // Every refresh looks its token up: prepared once per connection too.
  private readonly byRefreshHash = this.database.primary
    .select({ token: refreshTokens, session: sessions })
    .from(refreshTokens)
    .innerJoin(sessions, eq(refreshTokens.sessionId, sessions.id))
    .where(eq(refreshTokens.hash, sql.placeholder('hash')))
    .prepare('session_by_refresh_hash');

  async findByRefreshHash(hash: string): Promise<RefreshLookup | undefined> {
    const [row] = await this.byRefreshHash.execute({ hash });
    return row;
  }

  /**
   * Spends `spentHash`, keeping `successorSealed` (the next token, sealed) beside it for the grace
   * window, and stores `nextHash` for the same session, in one statement (the hot path of every
   * refresh, prepared once per connection); false when the token was already spent (a concurrent
   * refresh won).
   */
  async rotate(spentHash: string, nextHash: string, successorSealed: string): Promise<boolean> {
    const [row] = await this.rotation.execute({ spentHash, nextHash, successorSealed });
    return row?.rotated === 1;
  }

  private readonly rotation = (() => {
    const db = this.database.primary;
    const sessionId = { sessionId: sql<string>`session_id`.as('session_id') };
    const spent = db.$with('spent', sessionId).as(sql`
      update ${refreshTokens} set spent_at = now(), successor_sealed = ${sql.placeholder('successorSealed')}
      where ${refreshTokens.hash} = ${sql.placeholder('spentHash')} and ${refreshTokens.spentAt} is null
      returning session_id`);
    const issued = db.$with('issued', sessionId).as(sql`
      insert into ${refreshTokens} (hash, session_id)
      select ${sql.placeholder('nextHash')}, session_id from spent
      returning session_id`);
    const touched = db.$with('touched', sessionId).as(sql`
      update ${sessions} set last_used_at = now() where id in (select session_id from issued)
      returning id as session_id`);
    return db
      .with(spent, issued, touched)
      .select({ rotated: sql<number>`count(*)::int` })
      .from(issued)
      .prepare('refresh_token_rotation');
  })();

  /** The refresh token stored under `hash`, without its session. */
  async findRefreshToken(hash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await this.db.select().from(refreshTokens).where(eq(refreshTokens.hash, hash));
    return row;
  }

  /**
   * Revokes the session `id` of `userId` unless it already is, with `event` in the same
   * statement: both commit, or neither. False when there is no such live session (nothing
   * written).
   */
  async revoke(id: string, userId: string, reason: string, event: PendingEvent): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: reason })
      .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ eventId: appendEventSql(sessions.userId, event.draft, event.ipSealed) });
    this.cache.forget(id);
    return rows.length > 0;
  }

  /**
   * Revokes every session of a user not revoked yet but `except`, in `tx` (the caller's
   * transaction) or in one of its own, and appends the audit event `eventFor` makes of how many
   * it ended, if given, in the same transaction: both commit, or neither. The ids it ended.
   */
  async revokeAllOf(
    userId: string,
    reason: string,
    {
      except,
      tx,
      eventFor,
    }: { except?: string; tx?: AppDatabase; eventFor?: (count: number) => PendingEvent } = {},
  ): Promise<string[]> {
    const work = async (tx: AppDatabase): Promise<string[]> => {
      const rows = await tx
        .update(sessions)
        .set({ revokedAt: sql`now()`, revokedReason: reason })
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            except ? ne(sessions.id, except) : undefined,
          ),
        )
        .returning({ id: sessions.id });
      if (eventFor) await appendEvent(tx, userId, eventFor(rows.length));
      const ids = rows.map((row) => row.id);
      this.cache.forget(...ids);
      return ids;
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  /** Whether this user has ever signed in from a device of this name. */
  async knownDevice(userId: string, deviceName: string | null): Promise<boolean> {
    const rows = await this.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          deviceName === null ? isNull(sessions.deviceName) : eq(sessions.deviceName, deviceName),
        ),
      )
      .limit(1);
    return rows.length > 0;
  }

  /** Sets the session's end `days` after it began (a live session only). */
  async extendTo(id: string, days: number): Promise<void> {
    await this.db
      .update(sessions)
      .set({ expiresAt: sql`${sessions.createdAt} + make_interval(days => ${days})` })
      .where(
        and(eq(sessions.id, id), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`),
      );
    this.cache.forget(id);
  }

  async listLive(userId: string): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > now()`,
        ),
      )
      .orderBy(desc(sessions.lastUsedAt));
  }
}
