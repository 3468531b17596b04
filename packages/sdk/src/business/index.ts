/**
 * `@cardcoop/sdk/business`: the business panel (a cooperative's staff) and the platform's
 * administration (`/admin`), both with a member's session.
 */
export { createBusinessClient } from './business-client.js';
export type { BusinessClient } from './business-client.js';
export { signOwnershipProof } from './claims-client.js';
export type { ClaimsClient, PlatformClaimsClient } from './claims-client.js';
export { createPlatformClient } from './platform-client.js';
export type { PlatformClient } from './platform-client.js';
export { createApplicationsClient } from './applications-client.js';
export type {
  ApplicationsClient,
  DocumentUploadOptions,
  DownloadedDocument,
} from './applications-client.js';
export { createReviewClient } from './review-client.js';
export type { ReviewClient } from './review-client.js';
export type { WebhooksClient } from './webhooks-client.js';
export type { BusinessVirtualCardsClient, ReportFile } from './virtual-cards-client.js';
export type { PlatformVirtualCardsClient } from './platform-virtual-cards.js';
