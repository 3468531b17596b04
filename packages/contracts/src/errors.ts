import { z } from 'zod';

/**
 * Stable error codes shared by the server, the SDK and the web app.
 * A code never changes meaning once released; new situations get new codes.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'INVALID_CODE',
  'CODE_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'MFA_REQUIRED',
  'INVALID_MFA_CODE',
  'LOGIN_EXPIRED',
  'SESSION_REVOKED',
  'TOKEN_EXPIRED',
  'INVALID_TOKEN',
  'PRIVACY_VERSION_OUTDATED',
  'INVALID_RECOVERY_KEY',
  'ACCOUNT_CHANGE_PENDING',
  'REAUTH_REQUIRED',
  'STEP_UP_REQUIRED',
  'NOT_A_MEMBER',
  'USERNAME_TAKEN',
  'UNREGISTERED_CALLBACK',
  'ACCOUNT_EXISTS',
  'COOPERATIVE_NOT_READY',
  'INVALID_GRANT',
  'ATTENDANCE_CLOSED',
  'RECOMMENDATION_NOT_FOUND',
  'SECURITY_NOTICE_REQUIRED',
  // Connecting a cooperative and proving its ownership (issue 14).
  'COOPNAME_TAKEN',
  'UNVERIFIED_LIMIT',
  'CHAIN_NOT_CONFIGURED',
  'CHALLENGE_INVALID',
  'PROOF_INVALID',
  'NOT_ON_CHAIN',
  'KEY_NOT_ON_ACCOUNT',
  'ALREADY_VERIFIED',
  'NOT_VERIFIED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  // Staff of a cooperative (issue 14).
  'LAST_OWNER',
  'INVITATION_INVALID',
  // Platform administration (issue 14).
  'ACCOUNT_LOCKED',
  'LAST_PLATFORM_ADMIN',
  // Webhooks to cooperatives (issue 14).
  'WEBHOOK_LIMIT_REACHED',
  'WEBHOOK_URL_REFUSED',
  // The operator application (extended level, issue 14).
  'APPLICATION_NOT_EDITABLE',
  'APPLICATION_NOT_SUBMITTED',
  'APPLICATION_INCOMPLETE',
  'DOCUMENT_TYPE_REFUSED',
  // Money: virtual cards, ledger, idempotency keys (issue 15).
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'INSUFFICIENT_FUNDS',
  'PROVIDER_UNAVAILABLE',
  'CARD_ISSUE_NOT_ALLOWED',
  'VIRTUAL_CARD_CLOSED',
  'TWO_FACTOR_REQUIRED',
  'PROVIDER_REFUSED',
  'TOP_UP_LIMIT',
  'COOPERATIVE_NOT_EXTENDED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const validationIssueSchema = z.object({
  path: z.string().describe('Dotted path of the offending field, empty for the whole input'),
  code: z.string().describe('Zod issue code, e.g. too_small, invalid_type'),
  message: z.string(),
});

export type ValidationIssue = z.infer<typeof validationIssueSchema>;

/** The one error body every endpoint answers with. */
export const errorBodySchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string().describe('Human-readable, in the language asked for by Accept-Language'),
  path: z.string(),
  requestId: z.string(),
  errorId: z.string().optional().describe('Present on 500s; quote it to support'),
  details: z.array(validationIssueSchema).optional(),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;
