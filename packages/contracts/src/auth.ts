import { z } from 'zod';

/** Binary values travel as base64url without padding. */
export const base64Url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'must be base64url without padding');

export const emailSchema = z.string().trim().max(254).pipe(z.email());

/** OPAQUE key stretching, pinned and stored per account (protocol.md). */
export const ksfSchema = z.object({
  'argon2id-custom': z.object({
    memory: z.number().int().min(8192).max(4_194_304),
    iterations: z.number().int().min(1).max(64),
    parallelism: z.number().int().min(1).max(16),
  }),
});
export type Ksf = z.infer<typeof ksfSchema>;

export const DEFAULT_KSF: Ksf = {
  'argon2id-custom': { memory: 65536, iterations: 3, parallelism: 4 },
};

/**
 * `GET /.well-known/opaque-public-key`: the server's static OPAQUE public key (the 32-byte
 * ristretto255 key of its OPAQUE setup, base64url) and the version of that setup. It is the
 * `serverStaticPublicKey` every OPAQUE registration and login with this server reports; clients
 * pin it (docs/protocol.md §3.2).
 */
export const opaquePublicKeySchema = z.object({
  opaque_public_key: base64Url.length(43),
  setup_version: z.number().int().min(1),
});
export type OpaquePublicKey = z.infer<typeof opaquePublicKeySchema>;

/** A value encrypted on the client under the user key (AES-256-GCM); the server cannot open it. */
export const symmetricEnvelopeSchema = z.object({
  v: z.literal(1),
  alg: z.literal('A256GCM'),
  kid: z.string().min(1).max(64),
  iv: base64Url.length(16),
  ct: base64Url.min(22).max(1_400_000),
});
export type SymmetricEnvelope = z.infer<typeof symmetricEnvelopeSchema>;

export const privacyPolicySchema = z.object({
  version: z.string(),
  published_at: z.string(),
  documents: z.object({
    ru: z.object({ title: z.string(), body: z.string() }),
    en: z.object({ title: z.string(), body: z.string() }),
  }),
});
export type PrivacyPolicy = z.infer<typeof privacyPolicySchema>;

export const initiateRegistrationSchema = z.object({
  email: emailSchema,
  privacy_accepted: z.literal(true),
  privacy_version: z.string().min(1).max(32),
});

/** Identical whether or not the address is already registered. */
export const codeSentSchema = z.object({
  status: z.literal('code_sent'),
  expires_in_seconds: z.number().int(),
  resend_after_seconds: z.number().int(),
});
export type CodeSent = z.infer<typeof codeSentSchema>;

/** The 6-digit code of an e-mail. */
export const emailCodeField = z.string().regex(/^\d{6}$/, 'must be 6 digits');

export const verifyEmailSchema = z.object({
  email: emailSchema,
  code: emailCodeField,
  registration_request: base64Url.min(1).max(1024),
});

export const verifyEmailResultSchema = z.object({
  registration_token: z.string(),
  registration_response: base64Url,
  /** The new account's id: part of the AAD of every envelope the client makes. */
  user_id: z.uuid(),
});
export type VerifyEmailResult = z.infer<typeof verifyEmailResultSchema>;

/**
 * A complete set of credentials made on the client: the OPAQUE record, the user key wrapped by
 * the password's KEK and by the Recovery Kit, and the kit's possession hash.
 */
const newCredentialsFields = {
  registration_record: base64Url.min(1).max(4096),
  ksf: ksfSchema,
  wrapped_user_key: symmetricEnvelopeSchema,
  recovery: z.object({
    wrapped_user_key: symmetricEnvelopeSchema,
    /** SHA-256 of HKDF(recovery key, "cardcoop/v1/recovery-auth"), base64url. */
    auth_hash: base64Url.length(43),
  }),
  device_name: z.string().trim().max(80).optional(),
};

/** A sign-in or registration on a connect page: its cooperative and `visit_id` (statistics). */
export const connectVisitSchema = z.object({
  coopname: z.string().regex(/^[a-z1-5.]{1,12}$/),
  visit_id: z.uuid(),
});
export type ConnectVisit = z.infer<typeof connectVisitSchema>;

export const completeRegistrationSchema = z.object({
  registration_token: z.string().min(1).max(256),
  ...newCredentialsFields,
  connect: connectVisitSchema.optional(),
});

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  /** Absent for the web app, which gets it as an HttpOnly cookie (`X-CardCoop-Client: web`). */
  refresh_token: z.string().optional(),
  session_id: z.uuid(),
  user_id: z.uuid(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/**
 * A device token names a device that signed in to the account before (from `complete-login`):
 * such a device has a lockout allowance of its own, so strangers guessing the password cannot
 * lock the owner out of it. The web app keeps it in an HttpOnly cookie instead.
 */
const deviceTokenField = z.string().min(1).max(200);

export const initiateLoginSchema = z.object({
  email: emailSchema,
  start_login_request: base64Url.min(1).max(1024),
  device_token: deviceTokenField.optional(),
});

export const initiateLoginResultSchema = z.object({
  login_id: z.string(),
  login_response: base64Url,
  ksf: ksfSchema,
});
export type InitiateLoginResult = z.infer<typeof initiateLoginResultSchema>;

/** A code from an authenticator app (RFC 6238), and a single-use backup code. */
export const totpCodeField = z.string().regex(/^\d{6}$/, 'must be 6 digits');
/** Eight letters and digits, as printed (`xxxx-xxxx`) or typed: any case, spaces and dashes anywhere. */
export const BACKUP_CODE_PATTERN = /^[\s-]*(?:[a-z0-9][\s-]*){8}$/i;
export const backupCodeField = z
  .string()
  .max(32)
  .regex(BACKUP_CODE_PATTERN, 'must look like xxxx-xxxx');

export const completeLoginSchema = z.object({
  login_id: z.string().min(1).max(256),
  finish_login_request: base64Url.min(1).max(1024),
  totp_code: totpCodeField.optional(),
  backup_code: backupCodeField.optional(),
  device_name: z.string().trim().max(80).optional(),
  connect: connectVisitSchema.optional(),
});

export const loginResultSchema = tokenResponseSchema.extend({
  wrapped_user_key: symmetricEnvelopeSchema,
  /** Send it with the next logins from this device. Absent for the web app (a cookie). */
  device_token: deviceTokenField.optional(),
});
export type LoginResult = z.infer<typeof loginResultSchema>;

/** `refresh_token` may be left out by the web app, whose token is in its HttpOnly cookie. */
export const refreshTokenSchema = z.object({
  refresh_token: z.string().min(1).max(256).optional(),
});

export const sessionSchema = z.object({
  id: z.uuid(),
  device_name: z.string().nullable(),
  /** Where it signed in from, roughly: the IP with its host part hidden (`203.0.113.x`). */
  ip_masked: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string(),
  current: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;
export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });

/** One entry of a member's security log (`GET /audit`), newest first. */
export const auditEventSchema = z.object({
  seq: z.number().int().positive(),
  /** `login.succeeded`, `grant.read`, `deletion.scheduled`, … */
  type: z.string(),
  at: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** The name of the cooperative the event is about (`data.coopname`), when it is known. */
  display_name: z.string().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
/** `GET /audit`: newest first; `cursor` is the `next_cursor` of the previous page. */
export const auditLogQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a next_cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
export type AuditLogQuery = z.input<typeof auditLogQuerySchema>;

export const auditLogSchema = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type AuditLog = z.infer<typeof auditLogSchema>;

export const totpSetupSchema = z.object({
  /** Names this setup in `POST /auth/totp/confirm`; live for `expires_in_seconds`. */
  setup_id: z.string(),
  expires_in_seconds: z.number().int(),
  /** Base32, for typing into an app by hand. */
  secret: z.string(),
  otpauth_url: z.string(),
  /** The otpauth URL as an SVG QR code. */
  qr_svg: z.string(),
});
export type TotpSetup = z.infer<typeof totpSetupSchema>;

/**
 * The first code from the app turns 2FA on. `setup_id` is the one `POST /auth/totp/setup` gave
 * after the password proof: an unknown or expired one is `401 REAUTH_REQUIRED`.
 */
export const totpConfirmSchema = z.object({
  setup_id: z.string().min(1).max(256),
  code: totpCodeField,
});

/** A second factor: a current TOTP code or one unused backup code. */
export const secondFactorSchema = z
  .object({ totp_code: totpCodeField.optional(), backup_code: backupCodeField.optional() })
  .refine((value) => Boolean(value.totp_code) !== Boolean(value.backup_code), {
    message: 'give exactly one of totp_code and backup_code',
  });
export type SecondFactor = z.infer<typeof secondFactorSchema>;

export const backupCodesSchema = z.object({
  /** Shown once; the server keeps only argon2id hashes. */
  backup_codes: z.array(z.string()),
});
export type BackupCodes = z.infer<typeof backupCodesSchema>;

export const totpStatusSchema = z.object({
  enabled: z.boolean(),
  backup_codes_left: z.number().int(),
});
export type TotpStatus = z.infer<typeof totpStatusSchema>;

const secondFactorFields = {
  totp_code: totpCodeField.optional(),
  backup_code: backupCodeField.optional(),
};

/** Round one of a proof of the current password by a signed-in member (OPAQUE login). */
export const reauthStartSchema = z.object({ start_login_request: base64Url.min(1).max(1024) });

/** Round two of that proof, sent with the operation it allows (the state is usable once). */
const passwordProofFields = {
  reauth_id: z.string().min(1).max(256),
  finish_login_request: base64Url.min(1).max(1024),
};

/**
 * `POST /auth/totp/setup`: a bearer token alone cannot enrol a second factor (a stolen token
 * would lock the member out with the thief's app); the password is proven first.
 */
export const totpSetupStartSchema = z.object(passwordProofFields);

/** `POST /auth/totp/backup-codes`: the password, and the current second factor. */
export const totpBackupCodesSchema = z
  .object({ ...passwordProofFields, ...secondFactorFields })
  .refine((value) => Boolean(value.totp_code) !== Boolean(value.backup_code), {
    message: 'give exactly one of totp_code and backup_code',
  });

/**
 * `POST /auth/totp/revert`, no session: the link mailed when 2FA was turned on undoes it for
 * 7 days (2FA off, backup codes gone, every session ended). Used or expired: `401 INVALID_TOKEN`.
 */
export const totpRevertSchema = z.object({ token: z.string().min(1).max(256) });

export const changePasswordInitiateSchema = z.object({
  start_login_request: base64Url.min(1).max(1024),
  registration_request: base64Url.min(1).max(1024),
});
export const changePasswordStartedSchema = z.object({
  change_id: z.string(),
  login_response: base64Url,
  registration_response: base64Url,
  ksf: ksfSchema,
});
export type ChangePasswordStarted = z.infer<typeof changePasswordStartedSchema>;

export const changePasswordCompleteSchema = z.object({
  change_id: z.string().min(1).max(256),
  finish_login_request: base64Url.min(1).max(1024),
  registration_record: base64Url.min(1).max(4096),
  ksf: ksfSchema,
  /** The same user key, wrapped under the KEK of the new password. */
  wrapped_user_key: symmetricEnvelopeSchema,
  end_other_sessions: z.boolean().default(false),
  ...secondFactorFields,
});

export const sessionsEndedSchema = z.object({ sessions_ended: z.number().int() });
export type SessionsEnded = z.infer<typeof sessionsEndedSchema>;

export const emailOnlySchema = z.object({ email: emailSchema });

export const recoveryVerifySchema = z.object({
  email: emailSchema,
  code: emailCodeField,
  /** HKDF(recovery key, "cardcoop/v1/recovery-auth"): proves possession; the server keeps its SHA-256. */
  recovery_proof: base64Url.length(43),
  registration_request: base64Url.min(1).max(1024),
  ...secondFactorFields,
});
export const recoveryVerifiedSchema = z.object({
  recovery_id: z.string(),
  user_id: z.uuid(),
  recovery_wrapped_user_key: symmetricEnvelopeSchema,
  registration_response: base64Url,
});
export type RecoveryVerified = z.infer<typeof recoveryVerifiedSchema>;

export const recoveryCompleteSchema = z.object({
  recovery_id: z.string().min(1).max(256),
  ...newCredentialsFields,
});

export const deletionConfirmSchema = z.object({ email: emailSchema, code: emailCodeField });
export const deletionScheduledSchema = z.object({ deletion_due_at: z.string() });
export type DeletionScheduled = z.infer<typeof deletionScheduledSchema>;
/** `GET /auth/deletion`: when the account is due for deletion, `null` when none is scheduled. */
export const deletionStatusSchema = z.object({ deletion_due_at: z.string().nullable() });
export type DeletionStatus = z.infer<typeof deletionStatusSchema>;

export const changeEmailInitiateSchema = z.object({
  new_email: emailSchema,
  reauth_id: z.string().min(1).max(256),
  finish_login_request: base64Url.min(1).max(1024),
  ...secondFactorFields,
});
export const changeEmailConfirmSchema = z.object({
  code: emailCodeField,
});
export const revertEmailSchema = z.object({ token: z.string().min(1).max(256) });

export const reauthStartedSchema = z.object({
  reauth_id: z.string(),
  login_response: base64Url,
  ksf: ksfSchema,
});
export type ReauthStarted = z.infer<typeof reauthStartedSchema>;

/** Unlocking after a reload: an OPAQUE proof of the password for the wrapped user key. */
export const unlockSchema = z.object({
  reauth_id: z.string().min(1).max(256),
  finish_login_request: base64Url.min(1).max(1024),
});
export const unlockedSchema = z.object({
  user_id: z.uuid(),
  wrapped_user_key: symmetricEnvelopeSchema,
  /** False while the current Recovery Kit is not confirmed: the client asks to save a new one. */
  recovery_kit_confirmed: z.boolean(),
});
export type Unlocked = z.infer<typeof unlockedSchema>;

/**
 * `GET /auth/recovery-kit` and the answer of `POST /auth/recovery-kit/confirm`: whether the member
 * confirmed holding the current Recovery Kit. A kit issued at registration, by a recovery or by
 * `POST /auth/recovery-kit` stays unconfirmed until `POST /auth/recovery-kit/confirm`.
 */
export const recoveryKitStatusSchema = z.object({
  confirmed: z.boolean(),
  confirmed_at: z.iso.datetime({ offset: true }).nullable(),
  /** The account's address, for the printable kit (the member's own; never another's). */
  email: z.string(),
});
export type RecoveryKitStatus = z.infer<typeof recoveryKitStatusSchema>;

/**
 * `POST /auth/recovery-kit`: a new Recovery Kit replaces the current one (which stops working).
 * The password is proven again (`POST /auth/reauth/initiate`, then these fields), plus the second
 * factor when 2FA is on. The new kit is unconfirmed until `POST /auth/recovery-kit/confirm`.
 */
export const recoveryKitReissueSchema = z
  .object({
    ...passwordProofFields,
    ...secondFactorFields,
    recovery: newCredentialsFields.recovery,
  })
  .refine((value) => !(value.totp_code && value.backup_code), {
    message: 'give at most one of totp_code and backup_code',
  });
