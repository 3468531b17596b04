/**
 * `@cardcoop/sdk/coop`: what only a cooperative runs — generating and certifying its HPKE data
 * key. Never import it from the member web app: the data key's private half lives with the
 * cooperative alone.
 */
export { certifyDataKey, dataKeyFingerprint, generateDataKey } from './data-key.js';
export type {
  CertifyDataKeyInput,
  DataKeyFingerprint,
  DataKeyPair,
  GenerateDataKeyInput,
} from './data-key.js';
export { signObject, verifySignedObject } from '../crypto/k1-signature.js';
export type { SignedObject } from '../crypto/k1-signature.js';
