// The business panel acts for the cooperative, with its own keys and on its own behalf: making
// a PKCE pair for a preview, the cooperative's data key pair and its certificate. It runs only
// in this lazily loaded area, never in the member's screens, and nothing here is sent anywhere
// but where the page says (the private key is downloaded, never uploaded).
// eslint-disable-next-line no-restricted-imports
export { certifyDataKey, connectUrl, generateDataKey, startShare } from '@cardcoop/sdk/coop';
