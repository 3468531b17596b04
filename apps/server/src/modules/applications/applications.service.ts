import { Inject, Injectable } from '@nestjs/common';
import { normalizePhone } from '@cardcoop/contracts';
import type {
  ApplicationDocumentKind,
  ApplicationFormDraft,
  ApplicationQueue,
  ApplicationState,
  OperatorApplication,
  ReviewedApplication,
  ValidationIssue,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { AppDatabase } from '../../db/database.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { MailService } from '../mail/mail.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import type { Notified } from '../notifications/notification.service.js';
import type { ApplicationMailTemplate } from './application-mail.js';
import { applicationView, missingForSubmission, queueItemView } from './application-views.js';
import { ApplicationsRepository, EDITABLE } from './applications.repository.js';
import type {
  ApplicationRow,
  ApplicationStatusValue,
  MailRecipient,
  Refusal,
  StoredDocument,
} from './applications.repository.js';
import { documentFileName } from './document-file-name.js';
import type { UploadedDocument } from './document-body.js';

/** Who acts, from where: the audit event's subject and sealed IP. */
export interface Actor {
  userId: string;
  ip: string;
}

const QUEUE_LIMIT = 500;

const REFUSALS: Record<Refusal, () => AppError> = {
  conflict: () => new AppError('CONFLICT', 409),
  not_editable: () => new AppError('APPLICATION_NOT_EDITABLE', 409),
  not_submitted: () => new AppError('APPLICATION_NOT_SUBMITTED', 409),
  not_found: () => new AppError('NOT_FOUND', 404),
};

function settled<T>(result: T | Refusal): T {
  if (typeof result === 'string') throw REFUSALS[result as Refusal]();
  return result;
}

type Decision = 'approved' | 'rejected' | 'changes_requested';

/** The in-app notice each step of the application gives (its e-mail is `application-mail.ts`). */
const NOTICE = {
  submitted: 'application.submitted',
  approved: 'application.approved',
  rejected: 'application.rejected',
  changes_requested: 'application.changes_requested',
} as const;

/**
 * The extended level (operator application): the cooperative's staff fill in the form and
 * attach documents, the owner submits, the payment-system operator's reviewers decide. Every
 * change commits with its audit event (subject: the acting member), and the mails and in-app
 * notices it causes are written in the same transaction (`notify` joins it through `tx`); the
 * recipients' open tabs are told once it committed.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @Inject(ApplicationsRepository) private readonly repository: ApplicationsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  async state(coopname: string): Promise<ApplicationState> {
    const cooperative = await this.repository.cooperative(coopname);
    if (!cooperative) throw new AppError('NOT_FOUND', 404);
    const row = await this.repository.latest(coopname);
    return { coopname, level: cooperative.level, application: row ? await this.view(row) : null };
  }

  async saveForm(
    coopname: string,
    actor: Actor,
    expectedRevision: number,
    form: ApplicationFormDraft,
  ): Promise<OperatorApplication> {
    const stored: ApplicationFormDraft = {
      ...form,
      ...(form.phone !== undefined ? { phone: normalizePhone(form.phone)! } : {}),
    };
    const row = settled(
      await this.repository.saveForm(coopname, actor.userId, expectedRevision, stored, (id) =>
        this.event(actor, 'operator_application.saved', coopname, id),
      ),
    );
    return this.view(row);
  }

  async putDocument(
    coopname: string,
    kind: ApplicationDocumentKind,
    actor: Actor,
    file: UploadedDocument,
    fileNameHeader: string | string[] | undefined,
  ): Promise<OperatorApplication> {
    const row = settled(
      await this.repository.putDocument(
        coopname,
        {
          kind,
          fileName: documentFileName(fileNameHeader, kind, file.contentType),
          contentType: file.contentType,
          size: file.bytes.length,
          sha256: file.sha256,
          content: file.bytes,
          uploadedBy: actor.userId,
        },
        (id) =>
          this.event(actor, 'operator_application.document_uploaded', coopname, id, {
            kind,
            sha256: file.sha256,
            size: file.bytes.length,
          }),
      ),
    );
    return this.view(row);
  }

  async deleteDocument(
    coopname: string,
    kind: ApplicationDocumentKind,
    actor: Actor,
  ): Promise<void> {
    settled(
      await this.repository.deleteDocument(coopname, kind, actor.userId, (id) =>
        this.event(actor, 'operator_application.document_deleted', coopname, id, { kind }),
      ),
    );
  }

  /** A document for the cooperative's staff, or (`forOperator`) for the operator's reviewers. */
  async document(
    coopname: string,
    kind: ApplicationDocumentKind,
    forOperator = false,
  ): Promise<StoredDocument> {
    const document = await this.repository.document(coopname, kind, forOperator);
    if (!document) throw new AppError('NOT_FOUND', 404);
    return document;
  }

  /** The owner sends the application: complete form and the required documents, else 422. */
  async submit(coopname: string, actor: Actor): Promise<OperatorApplication> {
    const notified: Notified[] = [];
    const result = await this.repository.transition<ValidationIssue[]>({
      coopname,
      from: EDITABLE,
      to: 'submitted',
      actor: actor.userId,
      check: (row, kinds) => {
        const missing = missingForSubmission(row, kinds);
        return missing.length > 0 ? missing : undefined;
      },
      effects: async (tx, row) => {
        const reviewers = await this.repository.reviewers(tx);
        await this.mailAll(tx, reviewers, row, 'submitted', null);
        notified.push(...(await this.noticeAll(tx, reviewers, row, 'submitted', null)));
      },
      eventFor: (id) => this.event(actor, 'operator_application.submitted', coopname, id),
    });
    if (typeof result === 'object' && 'refused' in result) {
      throw new AppError('APPLICATION_INCOMPLETE', 422, { details: result.refused });
    }
    const row = settled(result);
    for (const notice of notified) notice.afterCommit();
    return this.view(row);
  }

  async queue(status: ApplicationStatusValue): Promise<ApplicationQueue> {
    const rows = await this.repository.queue(status, QUEUE_LIMIT);
    return {
      applications: rows.map(({ application, displayName }) =>
        queueItemView(application, displayName),
      ),
    };
  }

  async reviewed(coopname: string): Promise<ReviewedApplication> {
    const cooperative = await this.repository.cooperative(coopname);
    const row = cooperative && (await this.repository.latest(coopname));
    // A draft is the cooperative's own until it is submitted.
    if (!cooperative || !row || row.status === 'draft') throw new AppError('NOT_FOUND', 404);
    return {
      coopname,
      display_name: cooperative.displayName,
      level: cooperative.level,
      application: await this.view(row),
    };
  }

  /**
   * The operator's decision on a submitted application. Approval sets the cooperative's level
   * to `extended` in the same transaction; the owners are mailed either way.
   */
  async decide(
    coopname: string,
    decision: Decision,
    actor: Actor,
    reason: string | null,
  ): Promise<ReviewedApplication> {
    const notified: Notified[] = [];
    settled(
      await this.repository.transition({
        coopname,
        from: ['submitted'],
        to: decision,
        actor: actor.userId,
        reason,
        effects: async (tx, row) => {
          if (decision === 'approved') await this.repository.setLevelExtended(tx, coopname);
          const owners = await this.repository.owners(tx, coopname);
          await this.mailAll(tx, owners, row, decision, reason);
          notified.push(...(await this.noticeAll(tx, owners, row, decision, reason)));
        },
        eventFor: (id) =>
          this.event(actor, `operator_application.${decision}`, coopname, id, {
            reason: reason ?? null,
          }),
      }),
    );
    for (const notice of notified) notice.afterCommit();
    return this.reviewed(coopname);
  }

  private async view(row: ApplicationRow): Promise<OperatorApplication> {
    return applicationView(row, await this.repository.documents(row.id));
  }

  private event(
    actor: Actor,
    type: string,
    coopname: string,
    applicationId: string,
    data: Record<string, string | number | null> = {},
  ) {
    return this.audit.eventFor(
      actor.userId,
      type,
      { coopname, application_id: applicationId, ...data },
      actor.ip,
    );
  }

  /** The in-app notices of one step, in its transaction (not mailed again: `mailAll` did). */
  private async noticeAll(
    tx: AppDatabase,
    recipients: MailRecipient[],
    row: ApplicationRow,
    event: ApplicationMailTemplate['event'],
    reason: string | null,
  ): Promise<Notified[]> {
    const notified: Notified[] = [];
    for (const { userId } of recipients) {
      const options = { coopname: row.coopname, tx };
      notified.push(
        event === 'submitted' || event === 'approved'
          ? await this.notifications.notify(userId, NOTICE[event], {}, options)
          : await this.notifications.notify(userId, NOTICE[event], { reason }, options),
      );
    }
    return notified;
  }

  private async mailAll(
    tx: AppDatabase,
    recipients: MailRecipient[],
    row: ApplicationRow,
    event: ApplicationMailTemplate['event'],
    reason: string | null,
  ): Promise<void> {
    const cooperative = await this.repository.cooperative(row.coopname, tx);
    const template: ApplicationMailTemplate = {
      kind: 'operator-application',
      event,
      coopname: row.coopname,
      displayName: cooperative?.displayName ?? row.coopname,
      reason,
    };
    for (const recipient of recipients) {
      const to = this.crypto.open('email', recipient.emailSealed, `user:${recipient.userId}`);
      await this.mail.send(to, template, recipient.locale, tx);
    }
  }
}
