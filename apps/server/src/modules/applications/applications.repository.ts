import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm';
import type { SQLWrapper } from 'drizzle-orm';
import type { ApplicationDocumentKind, ApplicationFormDraft } from '@cardcoop/contracts';
import { isUniqueViolation } from '../../common/errors/app-error.js';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import {
  cooperatives,
  cooperativeStaff,
  notificationPreferences,
  operatorApplicationDocuments,
  operatorApplications,
  platformStaff,
  users,
} from '../../db/schema/index.js';
import { appendEvent } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type ApplicationRow = typeof operatorApplications.$inferSelect;
export type ApplicationStatusValue = ApplicationRow['status'];
type DocumentRow = typeof operatorApplicationDocuments.$inferSelect;
export type DocumentMeta = Omit<DocumentRow, 'content' | 'applicationId'>;
export type StoredDocument = Pick<DocumentRow, 'fileName' | 'contentType' | 'content' | 'sha256'>;
export type NewDocument = Omit<DocumentRow, 'applicationId' | 'uploadedAt'>;

/** Whom an application mail goes to: a sealed address and the language they use. */
export interface MailRecipient {
  userId: string;
  emailSealed: string;
  locale: 'ru' | 'en';
}

/** Why a change was not made; the service turns it into the error. */
export type Refusal = 'conflict' | 'not_editable' | 'not_found' | 'not_submitted';

export const EDITABLE: readonly ApplicationStatusValue[] = ['draft', 'changes_requested'];

const {
  content: _content,
  applicationId: _applicationId,
  ...documentMeta
} = getTableColumns(operatorApplicationDocuments);

@Injectable()
export class ApplicationsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  /** The cooperative's level and display name; undefined for an unknown cooperative. */
  async cooperative(coopname: string, tx: AppDatabase = this.db) {
    const [row] = await tx
      .select({ level: cooperatives.level, displayName: cooperatives.displayName })
      .from(cooperatives)
      .where(eq(cooperatives.coopname, coopname));
    return row;
  }

  /** The cooperative's latest application (an open one, else the last rejected one). */
  async latest(coopname: string, tx: AppDatabase = this.db): Promise<ApplicationRow | undefined> {
    const [row] = await tx
      .select()
      .from(operatorApplications)
      .where(eq(operatorApplications.coopname, coopname))
      .orderBy(
        sql`${operatorApplications.status} = 'rejected'`,
        desc(operatorApplications.createdAt),
      )
      .limit(1);
    return row;
  }

  async documents(applicationId: string, tx: AppDatabase = this.db): Promise<DocumentMeta[]> {
    return tx
      .select(documentMeta)
      .from(operatorApplicationDocuments)
      .where(eq(operatorApplicationDocuments.applicationId, applicationId))
      .orderBy(asc(operatorApplicationDocuments.kind));
  }

  /**
   * The file of one kind of the cooperative's latest application; with `submittedOnly`, none
   * while that application is a draft (the operator sees what was sent to it).
   */
  async document(
    coopname: string,
    kind: ApplicationDocumentKind,
    submittedOnly: boolean,
  ): Promise<StoredDocument | undefined> {
    const application = await this.latest(coopname);
    if (!application || (submittedOnly && application.status === 'draft')) return undefined;
    const [row] = await this.db
      .select({
        fileName: operatorApplicationDocuments.fileName,
        contentType: operatorApplicationDocuments.contentType,
        content: operatorApplicationDocuments.content,
        sha256: operatorApplicationDocuments.sha256,
      })
      .from(operatorApplicationDocuments)
      .where(
        and(
          eq(operatorApplicationDocuments.applicationId, application.id),
          eq(operatorApplicationDocuments.kind, kind),
        ),
      );
    return row;
  }

  /** The open (not rejected) application, locked for this transaction. */
  private async lockOpen(tx: AppDatabase, coopname: string): Promise<ApplicationRow | undefined> {
    const [row] = await tx
      .select()
      .from(operatorApplications)
      .where(
        and(
          eq(operatorApplications.coopname, coopname),
          ne(operatorApplications.status, 'rejected'),
        ),
      )
      .for('update');
    return row;
  }

  /** The open application to edit: a new draft when there is none (after a rejection too). */
  private async editable(
    tx: AppDatabase,
    coopname: string,
    userId: string,
  ): Promise<ApplicationRow | Refusal> {
    const open = await this.lockOpen(tx, coopname);
    if (open) return EDITABLE.includes(open.status) ? open : 'not_editable';
    const [created] = await tx
      .insert(operatorApplications)
      .values({ coopname, createdBy: userId })
      .returning();
    return created!;
  }

  /**
   * Replaces the draft's form on top of `expectedRevision` (0: there is no open application
   * yet, start one), with its event, in one transaction.
   */
  async saveForm(
    coopname: string,
    userId: string,
    expectedRevision: number,
    form: ApplicationFormDraft,
    eventFor: (applicationId: string) => PendingEvent,
  ): Promise<ApplicationRow | Refusal> {
    try {
      return await this.db.transaction(async (tx) => {
        const open = await this.lockOpen(tx, coopname);
        if (!open && expectedRevision !== 0) return 'conflict';
        if (open && !EDITABLE.includes(open.status)) return 'not_editable';
        if (open && open.revision !== expectedRevision) return 'conflict';
        const [row] = open
          ? await tx
              .update(operatorApplications)
              .set({
                form,
                revision: sql`${operatorApplications.revision} + 1`,
                updatedAt: sql`now()`,
              })
              .where(eq(operatorApplications.id, open.id))
              .returning()
          : await tx
              .insert(operatorApplications)
              .values({ coopname, form, createdBy: userId })
              .returning();
        await appendEvent(tx, userId, eventFor(row!.id));
        return row!;
      });
    } catch (error) {
      // Two first saves at once: the second meets the one-open-application index.
      if (isUniqueViolation(error)) return 'conflict';
      throw error;
    }
  }

  /** Stores (or replaces) one kind of document with its event, in one transaction. */
  async putDocument(
    coopname: string,
    document: NewDocument,
    eventFor: (applicationId: string) => PendingEvent,
  ): Promise<ApplicationRow | Refusal> {
    try {
      return await this.db.transaction(async (tx) => {
        const application = await this.editable(tx, coopname, document.uploadedBy!);
        if (typeof application === 'string') return application;
        await tx
          .insert(operatorApplicationDocuments)
          .values({ ...document, applicationId: application.id })
          .onConflictDoUpdate({
            target: [operatorApplicationDocuments.applicationId, operatorApplicationDocuments.kind],
            set: { ...document, uploadedAt: sql`now()` },
          });
        const [touched] = await tx
          .update(operatorApplications)
          .set({ updatedAt: sql`now()` })
          .where(eq(operatorApplications.id, application.id))
          .returning();
        await appendEvent(tx, document.uploadedBy!, eventFor(application.id));
        return touched!;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'conflict';
      throw error;
    }
  }

  async deleteDocument(
    coopname: string,
    kind: ApplicationDocumentKind,
    userId: string,
    eventFor: (applicationId: string) => PendingEvent,
  ): Promise<true | Refusal> {
    return this.db.transaction(async (tx) => {
      const open = await this.lockOpen(tx, coopname);
      if (!open) return 'not_found';
      if (!EDITABLE.includes(open.status)) return 'not_editable';
      const deleted = await tx
        .delete(operatorApplicationDocuments)
        .where(
          and(
            eq(operatorApplicationDocuments.applicationId, open.id),
            eq(operatorApplicationDocuments.kind, kind),
          ),
        )
        .returning({ kind: operatorApplicationDocuments.kind });
      if (deleted.length === 0) return 'not_found';
      await appendEvent(tx, userId, eventFor(open.id));
      return true;
    });
  }

  /**
   * Moves the open application from one of `from` to `to` in one transaction: `check` may still
   * refuse it (it sees the locked row and its document kinds), `effects` run in the same
   * transaction after the change (the cooperative's level, queued mails), then the event.
   */
  async transition<T>(input: {
    coopname: string;
    from: readonly ApplicationStatusValue[];
    to: ApplicationStatusValue;
    actor: string;
    reason?: string | null;
    check?: (row: ApplicationRow, kinds: ApplicationDocumentKind[]) => T | undefined;
    effects: (tx: AppDatabase, row: ApplicationRow) => Promise<void>;
    eventFor: (applicationId: string) => PendingEvent;
  }): Promise<ApplicationRow | Refusal | { refused: T }> {
    return this.db.transaction(async (tx) => {
      const open = await this.lockOpen(tx, input.coopname);
      if (!open) return 'not_found';
      if (!input.from.includes(open.status)) {
        return input.to === 'submitted' ? 'not_editable' : 'not_submitted';
      }
      if (input.check) {
        const kinds = (await this.documents(open.id, tx)).map((document) => document.kind);
        const refused = input.check(open, kinds);
        if (refused !== undefined) return { refused };
      }
      const decided = input.to !== 'submitted';
      const [row] = await tx
        .update(operatorApplications)
        .set({
          status: input.to,
          updatedAt: sql`now()`,
          ...(decided
            ? {
                decidedAt: sql`now()`,
                decidedBy: input.actor,
                decisionReason: input.reason ?? null,
              }
            : { submittedAt: sql`now()` }),
        })
        .where(eq(operatorApplications.id, open.id))
        .returning();
      await input.effects(tx, row!);
      await appendEvent(tx, input.actor, input.eventFor(open.id));
      return row!;
    });
  }

  /** The extended level: set in the approving transaction. */
  async setLevelExtended(tx: AppDatabase, coopname: string): Promise<void> {
    await tx
      .update(cooperatives)
      .set({ level: 'extended', updatedAt: sql`now()` })
      .where(eq(cooperatives.coopname, coopname));
  }

  /** The review queue: applications in one status, oldest submission first. */
  async queue(status: ApplicationStatusValue, limit: number) {
    return this.database.primary
      .select({
        application: operatorApplications,
        displayName: cooperatives.displayName,
      })
      .from(operatorApplications)
      .innerJoin(cooperatives, eq(cooperatives.coopname, operatorApplications.coopname))
      .where(eq(operatorApplications.status, status))
      .orderBy(asc(operatorApplications.submittedAt), asc(operatorApplications.createdAt))
      .limit(limit);
  }

  /** The operator's reviewers, to be told of a new submission. */
  async reviewers(tx: AppDatabase): Promise<MailRecipient[]> {
    return this.recipients(
      tx,
      tx
        .select({ userId: platformStaff.userId })
        .from(platformStaff)
        .where(eq(platformStaff.role, 'operator_reviewer')),
    );
  }

  /** The cooperative's owners, to be told of a decision. */
  async owners(tx: AppDatabase, coopname: string): Promise<MailRecipient[]> {
    return this.recipients(
      tx,
      tx
        .select({ userId: cooperativeStaff.userId })
        .from(cooperativeStaff)
        .where(and(eq(cooperativeStaff.coopname, coopname), eq(cooperativeStaff.role, 'owner'))),
    );
  }

  private async recipients(tx: AppDatabase, ids: SQLWrapper): Promise<MailRecipient[]> {
    const rows = await tx
      .select({
        userId: users.id,
        emailSealed: users.emailSealed,
        locale: notificationPreferences.locale,
      })
      .from(users)
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(inArray(users.id, ids));
    return rows.map((row) => ({ ...row, locale: row.locale ?? 'ru' }));
  }
}
