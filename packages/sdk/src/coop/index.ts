/**
 * `@cardcoop/sdk/coop`: what only a cooperative runs — generating and certifying its HPKE data
 * key, and receiving shares (start with PKCE, exchange the ticket, fetch and open the data). Never import it from the member web app: the data key's private half lives with the
 * cooperative alone.
 */
export { certifyDataKey, dataKeyFingerprint, generateDataKey, publishDataKey } from './data-key.js';
export type {
  CertifyDataKeyInput,
  DataKeyFingerprint,
  DataKeyPair,
  GenerateDataKeyInput,
} from './data-key.js';
export {
  signDocument,
  signObject,
  verifySignedDocument,
  verifySignedObject,
} from '../crypto/k1-signature.js';
export type { SignedDocument, SignedObject } from '../crypto/k1-signature.js';
export { exchangeTicket, fetchSharedData, openSharedData, startShare } from './sharing.js';
export type {
  ExchangeTicketInput,
  FetchSharedDataInput,
  OpenSharedDataInput,
  SharedData,
  StartedShare,
} from './sharing.js';
export { connectUrl } from './connect.js';
export type { ConnectUrlInput } from './connect.js';
export { shareAad, shareGrantId, SHARE_INFO, SHARE_SUITE } from '../crypto/share-envelope.js';
export type { ShareContext } from '../crypto/share-envelope.js';
export { sealSignedShare } from '../crypto/signed-share.js';
export type { SealSignedShareInput } from '../crypto/signed-share.js';
export { cancelMeeting, listMeetings, meetingAttendance, publishMeeting } from './meetings.js';
export type { CoopCredentials } from './client-credentials.js';
export {
  cancelPaymentRequest,
  confirmPayment,
  listPaymentRequests,
  pushBalances,
  requestPayment,
  setPaymentDetails,
} from './contributions.js';
export { confirmMembership, listClosedAccounts, withdrawMembership } from './memberships.js';
export { verifyWebhook, verifyWebhookK1, WebhookVerificationError } from './webhooks.js';
export type { VerifyWebhookInput, VerifyWebhookK1Input, WebhookHeaders } from './webhooks.js';
