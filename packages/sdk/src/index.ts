export { createClient } from './client.js';
export type { CardCoopClient, ClientOptions } from './client.js';
export { CardCoopError } from './errors.js';
export type { CardCoopErrorCode } from './errors.js';
export { HttpClient } from './http.js';
export type { HttpOptions, Language, RequestOptions } from './http.js';

export { completeRegistration, startRegistration } from './auth/registration.js';
export type {
  CompleteRegistrationInput,
  RecoveryKit,
  RegistrationResult,
  StartRegistrationInput,
} from './auth/registration.js';
export { login } from './auth/login.js';
export { privacyPolicy } from './auth/privacy-policy.js';
export type { LoginInput, LoginOutcome, MfaChallenge, SecondFactor } from './auth/login.js';
export type { MemberSession } from './auth/common.js';
export { inThreadOpaque } from './auth/opaque-runner.js';
export { OPAQUE_PUBLIC_KEY_PATH, serverPublicKey } from './auth/server-key.js';
export type { OpaqueRunner } from './auth/opaque-runner.js';
export { recover, requestRecovery } from './auth/recovery.js';
export type {
  RecoverInput,
  RecoveryMfaChallenge,
  RecoveryOutcome,
  RecoveryResult,
} from './auth/recovery.js';
export { resumeSession, unlock } from './auth/unlock.js';
export { confirmRecoveryKit, recoveryKitStatus, reissueRecoveryKit } from './auth/recovery-kit.js';
export type { ReissueRecoveryKitInput } from './auth/recovery-kit.js';
export { changePassword } from './auth/change-password.js';
export type { ChangePasswordInput } from './auth/change-password.js';
export { changeEmail, confirmEmailChange, revertEmailChange } from './auth/change-email.js';
export type { ChangeEmailInput } from './auth/change-email.js';
export { confirmTotp, regenerateBackupCodes, revertTotp, startTotpSetup } from './auth/totp.js';
export type { RegenerateBackupCodesInput, TotpPasswordInput } from './auth/totp.js';
export {
  cancelDeletion,
  confirmDeletion,
  deletionStatus,
  requestDeletion,
} from './auth/deletion.js';
export type { ConfirmDeletionInput } from './auth/deletion.js';

export { AUTH_CHANNEL_NAME, MemberSessionManager, REFRESH_LOCK_NAME } from './session/manager.js';
export type { CrossTabOptions, LockManagerLike, MemberSessionOptions } from './session/manager.js';
export { MemoryMemberSessionStore, storedSession } from './session/store.js';
export type { MemberSessionStore, StoredSession } from './session/store.js';
export { createMemberClient, memberClient } from './member/member-client.js';
export type {
  MemberChangePasswordInput,
  MemberReissueRecoveryKitInput,
  MemberClient,
  MemberClientOptions,
} from './member/member-client.js';
export type {
  MemberEventHandler,
  MemberEventsClient,
  MemberEventsOptions,
} from './member/events-client.js';
export type {
  AccessClient,
  PreparedAccess,
  ShareInput,
  SharePayload,
} from './member/access-client.js';
export type { MeetingsClient } from './member/meetings-client.js';
export type { CooperativesClient } from './member/cooperatives-client.js';
export type { NotificationFilter, NotificationsClient } from './member/notifications-client.js';
export type {
  CardEligibility,
  CardTransactionPage,
  CardTransactionsFilter,
  IdempotencyOptions,
  VirtualCardsClient,
} from './member/virtual-cards-client.js';
export { connectTarget } from './member/connect-target.js';
export type { ConnectTargetInput } from './member/connect-target.js';
export { shareAad, shareGrantId, SHARE_INFO, SHARE_SUITE } from './crypto/share-envelope.js';
export type { ShareContext } from './crypto/share-envelope.js';

export { base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from './crypto/encoding.js';
export { canonicalize } from './crypto/jcs.js';
export type { JsonValue } from './crypto/jcs.js';
export { openEnvelope, sealEnvelope } from './crypto/envelope.js';
export type { EnvelopeContext, OpenInput, SealInput } from './crypto/envelope.js';
export { deriveKek } from './crypto/keys.js';
export {
  signDocument,
  signObject,
  verifySignedDocument,
  verifySignedObject,
} from './crypto/k1-signature.js';
export type { SignedDocument, SignedObject } from './crypto/k1-signature.js';
export { dataKeyFingerprint } from './crypto/data-key-fingerprint.js';
export type { DataKeyFingerprint } from './crypto/data-key-fingerprint.js';
export {
  generateUserKey,
  importUserKey,
  unwrapUserKey,
  unwrapUserKeyWithRecovery,
  wrapUserKey,
  wrapUserKeyForRecovery,
} from './crypto/user-key.js';
export type { UserKey } from './crypto/user-key.js';
export {
  confirmationChallenge,
  formatRecoveryKey,
  generateRecoveryKey,
  parseRecoveryKey,
  recoveryAuthHash,
  recoveryProof,
} from './crypto/recovery-kit.js';
export type { ConfirmationChallenge } from './crypto/recovery-kit.js';

export {
  assertSchemaMatches,
  MAX_MEMBER_AGE,
  MIN_MEMBER_AGE,
  validateCard,
} from './card/validate.js';
export type {
  CardValidationIssue,
  CardValidationResult,
  ValidateCardOptions,
} from './card/validate.js';
export { CARD_ISSUE_CODES } from './card/card-messages.js';
export type { CardIssueCode } from './card/card-messages.js';
export {
  ACCOUNT_ATTEMPTS,
  CARD_FORMAT_VERSION,
  CARD_MIGRATIONS,
  generateUsername,
  MemoryRevisionStore,
} from './card/card-client.js';
export type {
  CardClient,
  CardClientOptions,
  CardMigration,
  CardRecord,
  CardWriteResult,
  CoopAccount,
  RevisionStore,
} from './card/card-client.js';
export { verifyCooperativeKey } from './card/share-key.js';
export type { VerifiedCooperativeKey, VerifyCooperativeKeyOptions } from './card/share-key.js';
