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
export type { LoginInput, LoginOutcome, MfaChallenge, SecondFactor } from './auth/login.js';
export type { MemberSession } from './auth/common.js';
export { inThreadOpaque } from './auth/opaque-runner.js';
export type { OpaqueRunner } from './auth/opaque-runner.js';

export { base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from './crypto/encoding.js';
export { canonicalize } from './crypto/jcs.js';
export type { JsonValue } from './crypto/jcs.js';
export { openEnvelope, sealEnvelope } from './crypto/envelope.js';
export type { EnvelopeContext, OpenInput, SealInput } from './crypto/envelope.js';
export { deriveKek } from './crypto/keys.js';
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
} from './crypto/recovery-kit.js';
export type { ConfirmationChallenge } from './crypto/recovery-kit.js';
