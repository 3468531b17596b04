import { applicationStateSchema, operatorApplicationSchema } from '@cardcoop/contracts';
import type {
  ApplicationDocumentKind,
  ApplicationDocumentType,
  ApplicationState,
  OperatorApplication,
  SaveApplication,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { BytesResponse } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const BUSINESS_PATH = '/api/v1/business/cooperatives';

/** A document as downloaded: its bytes, type and the name it was uploaded under. */
export interface DownloadedDocument {
  bytes: Uint8Array;
  content_type: string;
  /** From `Content-Disposition` (`filename*`), null when the server gave none. */
  file_name: string | null;
}

/** What an upload sends besides the bytes. */
export interface DocumentUploadOptions {
  /** Must be what the bytes are (the server sniffs them): `DOCUMENT_TYPE_REFUSED` otherwise. */
  contentType: ApplicationDocumentType;
  /** Kept (sanitised, at most 200 characters) and given back on download. */
  fileName?: string;
}

/** The file name of a `Content-Disposition: attachment; filename*=UTF-8''…` header. */
function fileNameOf(disposition: string | null): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]*)"/i.exec(disposition ?? '')?.[1] ?? null;
}

/** Downloads a document through the member's session (shared with the operator's client). */
export async function downloadDocument(
  session: MemberSessionManager,
  path: string,
): Promise<DownloadedDocument> {
  const { bytes, headers } = await session.request<BytesResponse>(path, {
    responseType: 'bytes',
  });
  return {
    bytes,
    content_type: headers.get('content-type') ?? 'application/octet-stream',
    file_name: fileNameOf(headers.get('content-disposition')),
  };
}

/**
 * The cooperative's application to the payment-system operator (the extended level, Aifory
 * virtual cards): staff read it, owners and admins edit the draft and attach documents (PDF,
 * JPEG or PNG, at most 10 MB each; the charter and the EGRUL extract are required), the owner
 * submits it.
 *
 * @example
 * ```ts
 * const { application } = await business.applications.get('voskhod');
 * const draft = await business.applications.save('voskhod', {
 *   expected_revision: application?.revision ?? 0,
 *   form: { full_name: 'Потребительский кооператив «Восход»', inn: '7707083893' },
 * });
 * await business.applications.uploadDocument('voskhod', 'charter', pdfBytes, {
 *   contentType: 'application/pdf',
 *   fileName: 'Устав.pdf',
 * });
 * await business.applications.submit('voskhod'); // APPLICATION_INCOMPLETE names what is missing
 * ```
 */
export interface ApplicationsClient {
  /** The cooperative's level and its latest application (null: none yet). */
  get(coopname: string): Promise<ApplicationState>;
  /**
   * Replaces the draft's form on top of `expected_revision` (0 starts an application);
   * `CONFLICT` when someone saved in between, `APPLICATION_NOT_EDITABLE` once submitted.
   */
  save(coopname: string, input: SaveApplication): Promise<OperatorApplication>;
  /** Sends it to the operator (owner); `APPLICATION_INCOMPLETE` with `issues` naming the gaps. */
  submit(coopname: string): Promise<OperatorApplication>;
  /** Attaches (or replaces) one kind of document; the bytes go as they are, not as JSON. */
  uploadDocument(
    coopname: string,
    kind: ApplicationDocumentKind,
    file: Blob | Uint8Array,
    options: DocumentUploadOptions,
  ): Promise<OperatorApplication>;
  downloadDocument(coopname: string, kind: ApplicationDocumentKind): Promise<DownloadedDocument>;
  /** Removes a document while the application is a draft or sent back for changes. */
  deleteDocument(coopname: string, kind: ApplicationDocumentKind): Promise<void>;
}

export function createApplicationsClient(session: MemberSessionManager): ApplicationsClient {
  const path = (coopname: string) => `${BUSINESS_PATH}/${encodeURIComponent(coopname)}/application`;
  const documentPath = (coopname: string, kind: ApplicationDocumentKind) =>
    `${path(coopname)}/documents/${encodeURIComponent(kind)}`;
  return {
    get: async (coopname) =>
      parseResponse(applicationStateSchema, await session.request(path(coopname)), 'application'),
    save: async (coopname, input) =>
      parseResponse(
        operatorApplicationSchema,
        await session.request(path(coopname), { method: 'PUT', body: input }),
        'application',
      ),
    submit: async (coopname) =>
      parseResponse(
        operatorApplicationSchema,
        await session.request(`${path(coopname)}/submit`, { method: 'POST' }),
        'application/submit',
      ),
    uploadDocument: async (coopname, kind, file, { contentType, fileName }) =>
      parseResponse(
        operatorApplicationSchema,
        await session.request(documentPath(coopname, kind), {
          method: 'PUT',
          raw: { data: file, contentType },
          ...(fileName ? { headers: { 'x-file-name': encodeURIComponent(fileName) } } : {}),
        }),
        'application/documents',
      ),
    downloadDocument: (coopname, kind) => downloadDocument(session, documentPath(coopname, kind)),
    deleteDocument: async (coopname, kind) => {
      await session.request(documentPath(coopname, kind), { method: 'DELETE' });
    },
  };
}
