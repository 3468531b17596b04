import { applicationQueueSchema, reviewedApplicationSchema } from '@cardcoop/contracts';
import type {
  ApplicationDocumentKind,
  ApplicationQueue,
  ApplicationQueueQuery,
  ReviewedApplication,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';
import { downloadDocument } from './applications-client.js';
import type { DownloadedDocument } from './applications-client.js';

const REVIEW_PATH = '/api/v1/admin/applications';

/**
 * The payment-system operator's review queue (operator reviewers and platform admins): the
 * cooperatives' applications for the extended level, their documents and the decisions.
 * Approving needs a fresh second factor (`STEP_UP_REQUIRED` otherwise) and opens the
 * cooperative's Aifory section.
 *
 * @example
 * ```ts
 * const { applications } = await platform.applications.list({ status: 'submitted' });
 * const { application } = await platform.applications.get(applications[0].coopname);
 * const charter = await platform.applications.downloadDocument(application.coopname, 'charter');
 * await platform.applications.requestChanges(application.coopname, 'Приложите решение о назначении председателя');
 * ```
 */
export interface ReviewClient {
  /** Applications in one status, `submitted` by default, oldest submission first. */
  list(query?: ApplicationQueueQuery): Promise<ApplicationQueue>;
  get(coopname: string): Promise<ReviewedApplication>;
  downloadDocument(coopname: string, kind: ApplicationDocumentKind): Promise<DownloadedDocument>;
  /** Sets the cooperative's level to `extended`; needs a step-up. */
  approve(coopname: string): Promise<ReviewedApplication>;
  reject(coopname: string, reason: string): Promise<ReviewedApplication>;
  /** Sends it back to the cooperative, which edits and submits it again. */
  requestChanges(coopname: string, reason: string): Promise<ReviewedApplication>;
}

export function createReviewClient(session: MemberSessionManager): ReviewClient {
  const path = (coopname: string) => `${REVIEW_PATH}/${encodeURIComponent(coopname)}`;
  const decide = async (url: string, body?: { reason: string }) =>
    parseResponse(
      reviewedApplicationSchema,
      await session.request(url, { method: 'POST', ...(body ? { body } : {}) }),
      'applications/decision',
    );
  return {
    list: async (query = {}) =>
      parseResponse(
        applicationQueueSchema,
        await session.request(withQuery(REVIEW_PATH, query)),
        'applications',
      ),
    get: async (coopname) =>
      parseResponse(
        reviewedApplicationSchema,
        await session.request(path(coopname)),
        'application',
      ),
    downloadDocument: (coopname, kind) =>
      downloadDocument(session, `${path(coopname)}/documents/${encodeURIComponent(kind)}`),
    approve: (coopname) => decide(`${path(coopname)}/approve`),
    reject: (coopname, reason) => decide(`${path(coopname)}/reject`, { reason }),
    requestChanges: (coopname, reason) => decide(`${path(coopname)}/request-changes`, { reason }),
  };
}
