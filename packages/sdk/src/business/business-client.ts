import type { MemberClient } from '../member/member-client.js';
import { createMyCooperativesClient, createStaffClient } from './staff-client.js';
import type { MyCooperativesClient, StaffClient } from './staff-client.js';
import { createApplicationsClient } from './applications-client.js';
import type { ApplicationsClient } from './applications-client.js';
import { createMembersClient } from './members-client.js';
import type { MembersClient } from './members-client.js';
import { createStatsClient } from './stats-client.js';
import type { StatsClient } from './stats-client.js';
import { createWebhooksClient } from './webhooks-client.js';
import type { WebhooksClient } from './webhooks-client.js';
import { createClaimsClient } from './claims-client.js';
import type { ClaimsClient } from './claims-client.js';
import { createIntegrationClient } from './integration-client.js';
import type { IntegrationClient } from './integration-client.js';
import { createConnectionTestClient } from './connection-test-client.js';
import type { ConnectionTestClient } from './connection-test-client.js';
import { createBusinessVirtualCardsClient } from './virtual-cards-client.js';
import type { BusinessVirtualCardsClient } from './virtual-cards-client.js';

/**
 * What a member who works for cooperatives can do in the business panel: each property is one
 * area of the panel, called with the member's own session (roles are checked by the server per
 * cooperative; ADR 019).
 *
 * @example
 * ```ts
 * import { createBusinessClient } from '@cardcoop/sdk/business';
 * const business = createBusinessClient(member);
 * ```
 */
export interface BusinessClient {
  /** The cooperatives the member works for, with the member's role in each. */
  readonly cooperatives: MyCooperativesClient;
  /** A cooperative's staff: invitations, roles, removal, leaving (ADR 019). */
  readonly staff: StaffClient;
  /** The application to the payment-system operator (extended level) and its documents. */
  readonly applications: ApplicationsClient;
  /** Webhook endpoints, their secrets and delivery log. */
  readonly webhooks: WebhooksClient;
  /** Connecting cooperatives and proving their ownership (chain signature or admin approval). */
  readonly claims: ClaimsClient;
  /** Integration settings: consent screen, targets, fields, logo, data key, client secret. */
  readonly integration: IntegrationClient;
  /** "Test connection": which step of the integration fails. */
  readonly connectionTest: ConnectionTestClient;
  /** The cooperative's statistics: per day, the funnel, live grants. */
  readonly stats: StatsClient;
  /** Members who shared; memberships, meetings and payment requests by hand. */
  readonly members: MembersClient;
  /** Virtual cards: funds, conditions, cards, top-ups, reports (CSV, XLSX). */
  readonly virtualCards: BusinessVirtualCardsClient;
}

export function createBusinessClient(member: Pick<MemberClient, 'session'>): BusinessClient {
  return {
    cooperatives: createMyCooperativesClient(member.session),
    staff: createStaffClient(member.session),
    applications: createApplicationsClient(member.session),
    webhooks: createWebhooksClient(member.session),
    claims: createClaimsClient(member.session),
    integration: createIntegrationClient(member.session),
    connectionTest: createConnectionTestClient(member.session),
    stats: createStatsClient(member.session),
    members: createMembersClient(member.session),
    virtualCards: createBusinessVirtualCardsClient(member.session),
  };
}
