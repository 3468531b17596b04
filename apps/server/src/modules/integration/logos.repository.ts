import { Inject, Injectable } from '@nestjs/common';
import { eq, getTableColumns } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { cooperativeLogos } from '../../db/schema/index.js';
import { appendChangeEvent } from '../cooperatives/cooperatives.repository.js';
import type { ChangeEvent } from '../cooperatives/cooperatives.repository.js';

export type LogoRow = typeof cooperativeLogos.$inferSelect;
/** A logo without its bytes: what the settings and the consent screen need. */
export type LogoMeta = Omit<LogoRow, 'data'>;

const { data: _data, ...META_COLUMNS } = getTableColumns(cooperativeLogos);

/** Cooperatives' logos (bytea in PostgreSQL); each change commits with its audit event. */
@Injectable()
export class LogosRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async meta(coopname: string): Promise<LogoMeta | undefined> {
    const [row] = await this.database.primary
      .select(META_COLUMNS)
      .from(cooperativeLogos)
      .where(eq(cooperativeLogos.coopname, coopname));
    return row;
  }

  async find(coopname: string): Promise<LogoRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(cooperativeLogos)
      .where(eq(cooperativeLogos.coopname, coopname));
    return row;
  }

  async put(logo: Omit<LogoRow, 'updatedAt'>, audit: ChangeEvent): Promise<LogoMeta> {
    return this.database.primary.transaction(async (tx) => {
      const db = tx as unknown as AppDatabase;
      const [row] = await db
        .insert(cooperativeLogos)
        .values(logo)
        .onConflictDoUpdate({
          target: cooperativeLogos.coopname,
          set: { ...logo, updatedAt: new Date() },
        })
        .returning(META_COLUMNS);
      await appendChangeEvent(db, audit);
      return row!;
    });
  }

  /** False when there was none (and no event is written). */
  async remove(coopname: string, audit: ChangeEvent): Promise<boolean> {
    return this.database.primary.transaction(async (tx) => {
      const db = tx as unknown as AppDatabase;
      const rows = await db
        .delete(cooperativeLogos)
        .where(eq(cooperativeLogos.coopname, coopname))
        .returning({ coopname: cooperativeLogos.coopname });
      if (rows.length === 0) return false;
      await appendChangeEvent(db, audit);
      return true;
    });
  }
}
