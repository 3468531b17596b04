import {
  applicationFormShape,
  OPTIONAL_APPLICATION_FIELDS,
  REQUIRED_APPLICATION_DOCUMENTS,
} from '@cardcoop/contracts';
import type {
  ApplicationDocument,
  ApplicationDocumentKind,
  ApplicationFormField,
  ApplicationQueueItem,
  OperatorApplication,
  ValidationIssue,
} from '@cardcoop/contracts';
import type { ApplicationRow, DocumentMeta } from './applications.repository.js';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function documentView(row: DocumentMeta): ApplicationDocument {
  return {
    kind: row.kind,
    file_name: row.fileName,
    content_type: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploaded_at: row.uploadedAt.toISOString(),
  };
}

export function applicationView(
  row: ApplicationRow,
  documents: DocumentMeta[],
): OperatorApplication {
  return {
    id: row.id,
    coopname: row.coopname,
    status: row.status,
    revision: row.revision,
    form: row.form,
    documents: documents.map(documentView),
    decision_reason: row.decisionReason,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    submitted_at: iso(row.submittedAt),
    decided_at: iso(row.decidedAt),
  };
}

export function queueItemView(row: ApplicationRow, displayName: string): ApplicationQueueItem {
  return {
    id: row.id,
    coopname: row.coopname,
    display_name: displayName,
    status: row.status,
    full_name: row.form.full_name ?? null,
    inn: row.form.inn ?? null,
    submitted_at: iso(row.submittedAt),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * What a submission still lacks: every required field of the form (`form.<field>`) and every
 * required document (`documents.<kind>`), as validation issues; empty when complete. The
 * fields given were validated when saved.
 */
export function missingForSubmission(
  row: ApplicationRow,
  kinds: ApplicationDocumentKind[],
): ValidationIssue[] {
  const fields = (Object.keys(applicationFormShape) as ApplicationFormField[]).filter(
    (field) => !OPTIONAL_APPLICATION_FIELDS.includes(field) && row.form[field] === undefined,
  );
  const documents = REQUIRED_APPLICATION_DOCUMENTS.filter((kind) => !kinds.includes(kind));
  return [
    ...fields.map((field) => ({ path: `form.${field}`, code: 'required', message: 'required' })),
    ...documents.map((kind) => ({
      path: `documents.${kind}`,
      code: 'required',
      message: 'the document must be attached',
    })),
  ];
}
