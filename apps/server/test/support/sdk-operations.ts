/**
 * Every operation of the published OpenAPI document and the SDK function that calls it, or why
 * the SDK leaves it out. test/e2e/sdk-completeness.spec.ts keeps this table, the document and
 * the SDK in step: an endpoint added without an entry fails it, and so does a stale entry.
 *
 * An SDK function is named
 * - `member.<path>`: a property of the client from `createMemberClient` (`member.meetings.list`);
 * - `client.<path>`: a property of the client from `createClient` (`client.health.ready`);
 * - `coop.<name>`: an export of `@cardcoop/sdk/coop` (`coop.publishMeeting`);
 * - `business.<path>` / `platform.<path>`: a property of the client from `createBusinessClient`
 *   / `createPlatformClient` of `@cardcoop/sdk/business` (`business.staff.invite`);
 * - `<name>` or `<Class>.<method>`: an export of `@cardcoop/sdk` (`login`,
 *   `MemberSessionManager.refresh`).
 * `via` names the SDK source file (under packages/sdk/src) holding the request when the
 * function hands it to a helper there.
 */
export type SdkOperation = { sdk: string; via?: string } | { outside: string };

const sdk = (name: string, via?: string): SdkOperation =>
  via ? { sdk: name, via } : { sdk: name };
const outside = (reason: string): SdkOperation => ({ outside: reason });

export const SDK_OPERATIONS: Readonly<Record<string, SdkOperation>> = {
  'GET /.well-known/jwks.json': outside(
    'the token signing keys, for any JOSE library (e.g. jose createRemoteJWKSet); the SDK verifies no token',
  ),
  'GET /.well-known/opaque-public-key': sdk('serverPublicKey'),
  'GET /health/live': outside('liveness probe of the orchestrator'),
  'GET /health/ready': sdk('client.health.ready'),

  'GET /api/v1/access/connect/{coopname}': sdk('connectTarget'),
  'POST /api/v1/access/exchange-ticket': sdk('coop.exchangeTicket'),
  'GET /api/v1/access/get-encrypted-data/{username}/{coopname}': sdk('coop.fetchSharedData'),
  'GET /api/v1/access/list': sdk('member.access.list'),
  'POST /api/v1/access/prepare-share-data': sdk('member.access.prepare'),
  'POST /api/v1/access/refuse-share': sdk('member.access.refuse'),
  'POST /api/v1/access/share-data': sdk('member.access.share'),
  'DELETE /api/v1/access/{coopname}': sdk('member.access.revoke'),

  'GET /api/v1/activity': sdk('member.activity.get'),
  'GET /api/v1/activity/logins': sdk('member.activity.loginHistory'),

  'GET /api/v1/admin/cooperatives': sdk('platform.cooperatives.list'),
  'POST /api/v1/admin/cooperatives': sdk('platform.cooperatives.create'),
  'GET /api/v1/admin/cooperatives/{coopname}': sdk('platform.cooperatives.get'),
  'PATCH /api/v1/admin/cooperatives/{coopname}': sdk('platform.cooperatives.update'),
  'POST /api/v1/admin/cooperatives/{coopname}/rotate-secret': sdk(
    'platform.cooperatives.rotateSecret',
  ),
  // Platform administration: staff, members, audit, health, maintenance, data requests.
  'GET /api/v1/admin/staff': sdk('platform.staff.list'),
  'PUT /api/v1/admin/staff/{userId}': sdk('platform.staff.set'),
  'DELETE /api/v1/admin/staff/{userId}': sdk('platform.staff.remove'),
  'GET /api/v1/admin/users': sdk('platform.users.find'),
  'GET /api/v1/admin/users/{userId}': sdk('platform.users.get'),
  'POST /api/v1/admin/users/{userId}/lock': sdk('platform.users.lock'),
  'POST /api/v1/admin/users/{userId}/unlock': sdk('platform.users.unlock'),
  'POST /api/v1/admin/users/{userId}/end-sessions': sdk('platform.users.endSessions'),
  'GET /api/v1/admin/users/{userId}/audit': sdk('platform.users.audit'),
  'GET /api/v1/admin/users/{userId}/export': sdk('platform.users.export'),
  'GET /api/v1/admin/deletions': sdk('platform.users.pendingDeletions'),
  'POST /api/v1/admin/deletions/{userId}/complete': sdk('platform.users.completeDeletion'),
  'GET /api/v1/admin/audit': sdk('platform.audit.list'),
  'POST /api/v1/admin/audit/verify': sdk('platform.audit.verify'),
  'GET /api/v1/admin/health': sdk('platform.health.get'),
  'POST /api/v1/admin/maintenance': sdk('platform.maintenance.create'),
  'PATCH /api/v1/admin/maintenance/{id}': sdk('platform.maintenance.update'),
  'DELETE /api/v1/admin/maintenance/{id}': sdk('platform.maintenance.remove'),
  'GET /api/v1/maintenance': sdk('client.maintenance.upcoming', 'maintenance.ts'),
  'GET /api/v1/admin/claims': sdk('platform.claims.list'),
  'POST /api/v1/admin/claims/{coopname}/approve': sdk('platform.claims.approve'),
  'POST /api/v1/admin/claims/{coopname}/reject': sdk('platform.claims.reject'),
  'POST /api/v1/business/cooperatives': sdk('business.claims.connect'),
  'GET /api/v1/business/cooperatives/{coopname}/verification': sdk('business.claims.verification'),
  'POST /api/v1/business/cooperatives/{coopname}/verification/challenge': sdk(
    'business.claims.challenge',
  ),
  'POST /api/v1/business/cooperatives/{coopname}/verification/chain': sdk(
    'business.claims.proveByChain',
  ),
  'POST /api/v1/business/cooperatives/{coopname}/verification/request': sdk(
    'business.claims.requestApproval',
  ),

  // Staff of a cooperative (ADR 019).
  'GET /api/v1/business/cooperatives': sdk('business.cooperatives.list'),
  'GET /api/v1/business/cooperatives/{coopname}/staff': sdk('business.staff.list'),
  'POST /api/v1/business/cooperatives/{coopname}/staff/invitations': sdk('business.staff.invite'),
  'DELETE /api/v1/business/cooperatives/{coopname}/staff/invitations/{id}': sdk(
    'business.staff.revokeInvitation',
  ),
  'PATCH /api/v1/business/cooperatives/{coopname}/staff/{userId}': sdk('business.staff.changeRole'),
  'DELETE /api/v1/business/cooperatives/{coopname}/staff/{userId}': sdk('business.staff.remove'),
  'POST /api/v1/business/cooperatives/{coopname}/staff/leave': sdk('business.staff.leave'),
  'GET /api/v1/business/invitations/{token}': sdk('business.staff.invitation'),
  'POST /api/v1/business/invitations/accept': sdk('business.staff.accept'),

  'GET /api/v1/audit': sdk('member.audit.list'),

  'POST /api/v1/auth/initiate-registration': sdk('startRegistration'),
  'POST /api/v1/auth/verify-email': sdk('completeRegistration'),
  'POST /api/v1/auth/complete-registration': sdk('completeRegistration'),
  'POST /api/v1/auth/initiate-login': sdk('login'),
  'POST /api/v1/auth/complete-login': sdk('login'),
  'POST /api/v1/auth/refresh-token': sdk('MemberSessionManager.refresh'),
  'POST /api/v1/auth/logout': sdk('MemberSessionManager.logout'),
  'POST /api/v1/auth/unlock': sdk('unlock'),
  'POST /api/v1/auth/reauth/initiate': sdk('changeEmail'),
  'POST /api/v1/auth/change-email/initiate': sdk('changeEmail'),
  'POST /api/v1/auth/change-email/confirm': sdk('confirmEmailChange'),
  'POST /api/v1/auth/change-email/revert': sdk('revertEmailChange'),
  'POST /api/v1/auth/change-password/initiate': sdk('changePassword'),
  'POST /api/v1/auth/change-password/complete': sdk('changePassword'),
  'GET /api/v1/auth/deletion': sdk('deletionStatus'),
  'DELETE /api/v1/auth/deletion': sdk('cancelDeletion'),
  'POST /api/v1/auth/deletion/initiate': sdk('requestDeletion'),
  'POST /api/v1/auth/deletion/confirm': sdk('confirmDeletion'),
  'GET /api/v1/auth/recovery-kit': sdk('recoveryKitStatus'),
  'POST /api/v1/auth/recovery-kit': sdk('reissueRecoveryKit'),
  'POST /api/v1/auth/recovery-kit/confirm': sdk('confirmRecoveryKit'),
  'POST /api/v1/auth/recovery/initiate': sdk('requestRecovery'),
  'POST /api/v1/auth/recovery/verify': sdk('recover'),
  'POST /api/v1/auth/recovery/complete': sdk('recover'),
  'GET /api/v1/auth/totp': sdk('member.totp.status'),
  'POST /api/v1/auth/totp/setup': sdk('startTotpSetup'),
  'POST /api/v1/auth/totp/confirm': sdk('confirmTotp'),
  'POST /api/v1/auth/totp/backup-codes': sdk('regenerateBackupCodes'),
  'POST /api/v1/auth/step-up': sdk('member.stepUp', 'auth/step-up.ts'),
  'POST /api/v1/auth/totp/disable': sdk('member.totp.disable'),
  'POST /api/v1/auth/totp/revert': sdk('revertTotp'),

  'GET /api/v1/balances': sdk('member.balances.list'),
  'GET /api/v1/calendar/{file}': outside(
    'the iCal feed: calendar apps read it by its secret URL (member.meetings.createCalendarFeed)',
  ),

  'GET /api/v1/card': sdk('member.card.get'),
  'PUT /api/v1/card': sdk('member.card.update'),
  'POST /api/v1/card/issue': sdk('member.card.issue'),
  'GET /api/v1/card/schema': sdk('member.card.issue'),
  'GET /api/v1/card/accounts': sdk('member.card.listAccounts'),
  'POST /api/v1/card/account-challenge': sdk('member.card.createAccount', 'card/new-account.ts'),
  'POST /api/v1/card/add-account': sdk('member.card.createAccount'),
  'POST /api/v1/card/close-account': sdk('member.card.closeAccount'),

  // Aifory virtual cards, the member's (ADR 021).
  'POST /api/v1/aifory/webhook': outside(
    'Aifory calls it: the provider’s signed webhooks to card.coop (ADR 021), never a client',
  ),
  'GET /api/v1/aifory/cards': sdk('member.virtualCards.list'),
  'GET /api/v1/aifory/eligibility': sdk('member.virtualCards.eligibility'),
  'POST /api/v1/aifory/issue-card': sdk('member.virtualCards.issue'),
  'GET /api/v1/aifory/cards/{card_id}': sdk('member.virtualCards.get'),
  'GET /api/v1/aifory/card-details/{card_id}': sdk('member.virtualCards.details'),
  'POST /api/v1/aifory/top-up': sdk('member.virtualCards.topUp'),
  'GET /api/v1/aifory/operations/{operation_id}': sdk('member.virtualCards.operation'),
  'GET /api/v1/aifory/transactions/{card_id}': sdk('member.virtualCards.transactions'),
  'POST /api/v1/aifory/cards/{card_id}/freeze': sdk('member.virtualCards.freeze'),
  'POST /api/v1/aifory/cards/{card_id}/unfreeze': sdk('member.virtualCards.unfreeze'),
  'PUT /api/v1/aifory/cards/{card_id}/limits': sdk('member.virtualCards.setLimits'),
  // Virtual cards: the cooperative's business panel and the operator's admin (issue 15).
  'GET /api/v1/business/cooperatives/{coopname}/virtual-cards': sdk(
    'business.virtualCards.overview',
  ),
  'PUT /api/v1/business/cooperatives/{coopname}/virtual-cards/conditions': sdk(
    'business.virtualCards.setConditions',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/virtual-cards/cards': sdk(
    'business.virtualCards.cards',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/virtual-cards/top-ups': sdk(
    'business.virtualCards.topUps',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/virtual-cards/report': sdk(
    'business.virtualCards.report',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/virtual-cards/report.csv': sdk(
    'business.virtualCards.reportCsv',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/virtual-cards/report.xlsx': sdk(
    'business.virtualCards.reportXlsx',
  ),
  'GET /api/v1/admin/virtual-cards': sdk('platform.virtualCards.master'),
  'POST /api/v1/admin/virtual-cards/fund': sdk('platform.virtualCards.fund'),
  'POST /api/v1/admin/virtual-cards/allocate': sdk('platform.virtualCards.allocate'),
  'POST /api/v1/admin/virtual-cards/reconcile': sdk('platform.virtualCards.reconcile'),
  'GET /api/v1/admin/virtual-cards/reconciliations': sdk('platform.virtualCards.reconciliations'),
  'GET /api/v1/admin/virtual-cards/report': sdk('platform.virtualCards.report'),
  'GET /api/v1/admin/virtual-cards/report.csv': sdk('platform.virtualCards.reportCsv'),
  'GET /api/v1/admin/virtual-cards/report.xlsx': sdk('platform.virtualCards.reportXlsx'),

  'GET /api/v1/contributions': sdk('member.contributions.list'),
  'GET /api/v1/contributions/{id}': sdk('member.contributions.get'),

  'GET /api/v1/coop/closed-accounts': sdk('coop.listClosedAccounts'),
  'PUT /api/v1/coop/data-key': sdk('coop.publishDataKey'),
  'GET /api/v1/coop/meetings': sdk('coop.listMeetings'),
  'PUT /api/v1/coop/meetings/{external_id}': sdk('coop.publishMeeting'),
  'DELETE /api/v1/coop/meetings/{external_id}': sdk('coop.cancelMeeting'),
  'GET /api/v1/coop/meetings/{external_id}/attendance': sdk('coop.meetingAttendance'),
  'PUT /api/v1/coop/members/{username}/balances': sdk('coop.pushBalances'),
  'PUT /api/v1/coop/memberships/{username}': sdk('coop.confirmMembership'),
  'DELETE /api/v1/coop/memberships/{username}': sdk('coop.withdrawMembership'),
  'PUT /api/v1/coop/payment-details': sdk('coop.setPaymentDetails'),
  'GET /api/v1/coop/payment-requests': sdk('coop.listPaymentRequests'),
  'PUT /api/v1/coop/payment-requests/{external_id}': sdk('coop.requestPayment'),
  'DELETE /api/v1/coop/payment-requests/{external_id}': sdk('coop.cancelPaymentRequest'),
  'POST /api/v1/coop/payment-requests/{external_id}/confirm': sdk('coop.confirmPayment'),

  'GET /api/v1/cooperatives': sdk('member.cooperatives.list'),
  'GET /api/v1/cooperatives/{coopname}/logo': outside(
    'an image: the consent screen shows it with <img src=logo_url> (connectTarget gives the URL)',
  ),
  // integration settings (business panel)
  'GET /api/v1/business/cooperatives/{coopname}/integration': sdk('business.integration.get'),
  'PATCH /api/v1/business/cooperatives/{coopname}/integration': sdk('business.integration.update'),
  'PUT /api/v1/business/cooperatives/{coopname}/integration/logo': sdk(
    'business.integration.putLogo',
  ),
  'DELETE /api/v1/business/cooperatives/{coopname}/integration/logo': sdk(
    'business.integration.removeLogo',
  ),
  'POST /api/v1/business/cooperatives/{coopname}/integration/client-secret': sdk(
    'business.integration.rotateSecret',
  ),
  'PUT /api/v1/business/cooperatives/{coopname}/integration/data-key': sdk(
    'business.integration.publishDataKey',
  ),
  'GET /api/v1/dashboard': sdk('member.dashboard.get'),

  'GET /api/v1/meetings': sdk('member.meetings.list'),
  'GET /api/v1/meetings/{id}': sdk('member.meetings.get'),
  'PUT /api/v1/meetings/{id}/attendance': sdk('member.meetings.setAttendance'),
  'POST /api/v1/meetings/calendar-feed': sdk('member.meetings.createCalendarFeed'),
  'DELETE /api/v1/meetings/calendar-feed': sdk('member.meetings.revokeCalendarFeed'),

  'GET /api/v1/notifications': sdk('member.notifications.list'),
  'GET /api/v1/notifications/unread-count': sdk('member.notifications.unreadCount'),
  'POST /api/v1/notifications/read': sdk('member.notifications.markRead'),
  'POST /api/v1/notifications/read-all': sdk('member.notifications.markAllRead'),
  'GET /api/v1/notifications/preferences': sdk('member.notifications.preferences'),
  'PUT /api/v1/notifications/preferences': sdk('member.notifications.setPreferences'),
  'GET /api/v1/notifications/push/key': sdk('member.notifications.push.key'),
  'GET /api/v1/notifications/push/subscriptions': sdk('member.notifications.push.devices'),
  'POST /api/v1/notifications/push/subscriptions': sdk('member.notifications.push.subscribe'),
  'DELETE /api/v1/notifications/push/subscriptions': sdk('member.notifications.push.unsubscribe'),

  'GET /api/v1/privacy-policy': sdk('privacyPolicy'),
  'GET /api/v1/recommendations': sdk('member.recommendations.list'),
  'POST /api/v1/recommendations/{id}/dismiss': sdk('member.recommendations.dismiss'),

  'GET /api/v1/sessions': sdk('member.sessions.list'),
  'DELETE /api/v1/sessions': sdk('member.sessions.revokeOthers'),
  'DELETE /api/v1/sessions/{id}': sdk('member.sessions.revoke'),
  'POST /api/v1/business/cooperatives/{coopname}/connection-test': sdk(
    'business.connectionTest.run',
  ),
  'GET /.well-known/webhook-public-key': outside(
    'the K1 key of x-cardcoop-k1-signature, pinned once by the cooperative (curl); verifyWebhookK1 takes it',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/webhooks': sdk('business.webhooks.list'),
  'POST /api/v1/business/cooperatives/{coopname}/webhooks': sdk('business.webhooks.create'),
  'PATCH /api/v1/business/cooperatives/{coopname}/webhooks/{id}': sdk('business.webhooks.update'),
  'DELETE /api/v1/business/cooperatives/{coopname}/webhooks/{id}': sdk('business.webhooks.remove'),
  'POST /api/v1/business/cooperatives/{coopname}/webhooks/{id}/rotate-secret': sdk(
    'business.webhooks.rotateSecret',
  ),
  'POST /api/v1/business/cooperatives/{coopname}/webhooks/{id}/test': sdk('business.webhooks.test'),
  'GET /api/v1/business/cooperatives/{coopname}/webhooks/{id}/deliveries': sdk(
    'business.webhooks.deliveries',
  ),
  'POST /api/v1/business/cooperatives/{coopname}/webhooks/deliveries/{deliveryId}/redeliver': sdk(
    'business.webhooks.redeliver',
  ),
  // stats and members (business panel)
  'GET /api/v1/business/cooperatives/{coopname}/stats': sdk('business.stats.get'),
  'GET /api/v1/business/cooperatives/{coopname}/stats.csv': outside(
    'a CSV download for a spreadsheet (the panel links to it); the same numbers come as JSON from business.stats.get',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/members': sdk('business.members.list'),
  'PUT /api/v1/business/cooperatives/{coopname}/members/{username}/membership': sdk(
    'business.members.confirm',
  ),
  'DELETE /api/v1/business/cooperatives/{coopname}/members/{username}/membership':
    sdk('business.members.end'),
  'PUT /api/v1/business/cooperatives/{coopname}/meetings/{external_id}': sdk(
    'business.members.publishMeeting',
  ),
  'DELETE /api/v1/business/cooperatives/{coopname}/meetings/{external_id}': sdk(
    'business.members.cancelMeeting',
  ),
  'PUT /api/v1/business/cooperatives/{coopname}/payment-requests/{external_id}': sdk(
    'business.members.issuePaymentRequest',
  ),
  'DELETE /api/v1/business/cooperatives/{coopname}/payment-requests/{external_id}': sdk(
    'business.members.cancelPaymentRequest',
  ),
  'POST /api/v1/business/cooperatives/{coopname}/payment-requests/{external_id}/confirm': sdk(
    'business.members.confirmPayment',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/meetings': sdk('business.members.listMeetings'),
  'GET /api/v1/business/cooperatives/{coopname}/meetings/{external_id}/attendance': sdk(
    'business.members.meetingAttendance',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/payment-requests': sdk(
    'business.members.listPaymentRequests',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/payment-details': sdk(
    'business.members.paymentDetails',
  ),
  'PUT /api/v1/business/cooperatives/{coopname}/payment-details': sdk(
    'business.members.setPaymentDetails',
  ),
  // The operator application (extended level) and the operator's review queue.
  'GET /api/v1/business/cooperatives/{coopname}/application': sdk('business.applications.get'),
  'PUT /api/v1/business/cooperatives/{coopname}/application': sdk('business.applications.save'),
  'POST /api/v1/business/cooperatives/{coopname}/application/submit': sdk(
    'business.applications.submit',
  ),
  'PUT /api/v1/business/cooperatives/{coopname}/application/documents/{kind}': sdk(
    'business.applications.uploadDocument',
  ),
  'GET /api/v1/business/cooperatives/{coopname}/application/documents/{kind}': sdk(
    'business.applications.downloadDocument',
  ),
  'DELETE /api/v1/business/cooperatives/{coopname}/application/documents/{kind}': sdk(
    'business.applications.deleteDocument',
  ),
  'GET /api/v1/admin/applications': sdk('platform.applications.list'),
  'GET /api/v1/admin/applications/{coopname}': sdk('platform.applications.get'),
  'GET /api/v1/admin/applications/{coopname}/documents/{kind}': sdk(
    'platform.applications.downloadDocument',
  ),
  'POST /api/v1/admin/applications/{coopname}/approve': sdk('platform.applications.approve'),
  'POST /api/v1/admin/applications/{coopname}/reject': sdk('platform.applications.reject'),
  'POST /api/v1/admin/applications/{coopname}/request-changes': sdk(
    'platform.applications.requestChanges',
  ),
  'GET /api/v1/admin/my-role': sdk('platform.myRole'),
};
