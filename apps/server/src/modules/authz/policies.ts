/**
 * Who may call what (ADR 019): every HTTP operation names one policy from this table with
 * `@Policy(name)`, and the global PolicyGuard refuses a route that names none. The RBAC matrix
 * test calls every operation of the OpenAPI document as every principal and checks the answer
 * against this table.
 */

/**
 * - `public` — anyone, no credentials;
 * - `member` — a card.coop member's access token with a live session, acting on their own data;
 * - `coop-client` — a cooperative's server with its client credentials (HTTP Basic);
 * - `coop-token` — a cooperative's grant token, checked by the handler itself (it is bound to
 *   the member and cooperative in the path);
 * - `coop:<role>` — a member with that role in the cooperative named by the route's `:coopname`;
 * - `platform:<role>` — a member with that platform role;
 * - `automation` — the platform's scripts with `ADMIN_API_KEY`.
 */
export const PRINCIPALS = [
  'public',
  'member',
  'coop-client',
  'coop-token',
  'coop:owner',
  'coop:admin',
  'coop:viewer',
  'platform:operator_reviewer',
  'platform:platform_admin',
  'automation',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

export interface PolicyRule {
  readonly allow: readonly Principal[];
  /**
   * Hands out secrets or moves money: a member must have proven a second factor in this session
   * within the last five minutes (`POST /auth/step-up`), else 403 STEP_UP_REQUIRED.
   */
  readonly stepUp?: boolean;
}

const STAFF: readonly Principal[] = ['coop:owner', 'coop:admin', 'coop:viewer'];
const MANAGERS: readonly Principal[] = ['coop:owner', 'coop:admin'];
const PLATFORM_ADMIN: readonly Principal[] = ['platform:platform_admin', 'automation'];

export const POLICIES = {
  // Anyone: sign-up, sign-in, recovery, public keys and documents, health.
  public: { allow: ['public'] },
  // A member's own data and settings.
  member: { allow: ['member'] },
  // A virtual card's number, expiry and CVV (the service also needs 2FA on: TOTP/backup code).
  'virtual-cards.reveal': { allow: ['member'], stepUp: true },
  // A cooperative's server API (client credentials).
  'coop-api': { allow: ['coop-client'] },
  // The sealed data a grant token unlocks.
  'coop-api.read-shared-data': { allow: ['coop-token'] },
  // Operations metrics (METRICS_TOKEN, checked by the handler) and the development mailbox.
  'ops.metrics': { allow: ['public'] },

  // The platform's registry of cooperatives.
  'admin.cooperatives.read': { allow: PLATFORM_ADMIN },
  'admin.cooperatives.write': { allow: PLATFORM_ADMIN },
  'admin.cooperatives.rotate-secret': { allow: PLATFORM_ADMIN, stepUp: true },

  // Platform administration (issue 14): platform staff, members, the audit log, health,
  // planned maintenance, data requests. Exports and deletions hand out or destroy a member's data.
  'admin.staff.read': { allow: PLATFORM_ADMIN },
  'admin.staff.write': { allow: PLATFORM_ADMIN, stepUp: true },
  'admin.users.read': { allow: PLATFORM_ADMIN },
  'admin.users.write': { allow: PLATFORM_ADMIN },
  'admin.users.export': { allow: PLATFORM_ADMIN, stepUp: true },
  'admin.deletions.read': { allow: PLATFORM_ADMIN },
  'admin.deletions.complete': { allow: PLATFORM_ADMIN, stepUp: true },
  'admin.audit.read': { allow: PLATFORM_ADMIN },
  'admin.health.read': { allow: PLATFORM_ADMIN },
  'admin.maintenance.write': { allow: PLATFORM_ADMIN },

  // claims: a member connects a cooperative and proves owning its chain account (a signature of
  // its key, or the platform admin's approval of a claim).
  'business.cooperatives.connect': { allow: ['member'] },
  'business.verification.prove': { allow: ['member'] },
  'business.verification.read': { allow: STAFF },
  'business.verification.request': { allow: ['coop:owner'] },
  'admin.claims.review': { allow: ['platform:platform_admin', 'automation'] },

  // A cooperative's business panel.
  'business.cooperative.read': { allow: STAFF },
  'business.integration.update': { allow: MANAGERS },
  'business.integration.rotate-secret': { allow: ['coop:owner'], stepUp: true },
  'business.integration.data-key': { allow: MANAGERS, stepUp: true },
  // "Test connection": calls the cooperative's redirect URIs from the server.
  'business.connection-test.run': { allow: MANAGERS },
  'business.staff.read': { allow: STAFF },
  'business.staff.invite': { allow: MANAGERS },
  'business.staff.change': { allow: ['coop:owner'], stepUp: true },
  'business.staff.leave': { allow: STAFF },
  // Staff area (issue 14): the signed-in member's own cooperatives and accepting an invitation.
  'business.cooperatives.mine': { allow: ['member'] },
  'business.invitations.accept': { allow: ['member'] },
  // webhooks: a cooperative's endpoints and delivery log; rotation hands out a secret.
  'business.webhooks.read': { allow: STAFF },
  'business.webhooks.write': { allow: MANAGERS },
  'business.webhooks.rotate-secret': { allow: MANAGERS, stepUp: true },

  // The operator application (extended level): the cooperative applies, the operator reviews.
  'business.application.read': { allow: STAFF },
  'business.application.update': { allow: MANAGERS },
  'business.application.submit': { allow: ['coop:owner'] },
  'admin.applications.review': { allow: ['platform:operator_reviewer', 'platform:platform_admin'] },
  'admin.applications.approve': {
    allow: ['platform:operator_reviewer', 'platform:platform_admin'],
    stepUp: true,
  },
  // stats and members: the cooperative's statistics and the members who shared with it; staff
  // confirm or end memberships and publish meetings and payment requests by hand.
  'stats.read': { allow: STAFF },
  'members.read': { allow: STAFF },
  'members.change': { allow: MANAGERS },
  // Virtual cards (issue 15): the cooperative's funds, conditions, cards and reports; the
  // operator's master account, funding, reconciliation and reports (money moves need a step-up).
  'virtual-cards.business.read': { allow: STAFF },
  'virtual-cards.business.write': { allow: MANAGERS },
  'admin.virtual-cards.read': {
    allow: ['platform:operator_reviewer', 'platform:platform_admin', 'automation'],
  },
  'admin.virtual-cards.reconcile': {
    allow: ['platform:operator_reviewer', 'platform:platform_admin', 'automation'],
  },
  'admin.virtual-cards.write': {
    allow: ['platform:operator_reviewer', 'platform:platform_admin', 'automation'],
    stepUp: true,
  },
} as const satisfies Record<string, PolicyRule>;

export type PolicyName = keyof typeof POLICIES;

export const policyRule = (name: PolicyName): PolicyRule => POLICIES[name];
