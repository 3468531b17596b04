/** What fills the copy-paste snippets of the help page. */
export interface SnippetContext {
  /** card.coop's own origin, e.g. `https://id.card.coop`. */
  baseUrl: string;
  coopname: string;
  /** The cooperative's first registered origin, or a placeholder. */
  origin: string;
  /** The cooperative's first registered redirect URI, or a placeholder. */
  redirectUri: string;
}

/** The widget on the cooperative's page: popup (recommended) or iframe (docs/integration.md). */
export const widgetSnippet = ({
  baseUrl,
  coopname,
  origin,
}: SnippetContext) => `<script src="${baseUrl}/widget.js"></script>
<button id="join">Вступить через CARD.COOP</button>
<div id="cardcoop"></div>
<script type="module">
  document.getElementById('join').addEventListener('click', async () => {
    // Your server makes state and the PKCE pair, keeps the verifier and remembers that the
    // ticket comes to your origin (redirect_uri = "${origin}").
    const { state, code_challenge } = await (await fetch('/join/start', { method: 'POST' })).json();
    try {
      const { ticket } = await CardCoop.connect({
        baseUrl: '${baseUrl}',
        coopname: '${coopname}',
        state,
        codeChallenge: code_challenge,
        mode: 'popup', // or 'iframe' with container: '#cardcoop'
      });
      await fetch('/callback', { method: 'POST', body: new URLSearchParams({ ticket, state }) });
    } catch (error) {
      // error.code: 'access_denied' | 'closed' | 'popup_blocked' | 'invalid'
    }
  });
</script>`;

/** The redirect link with PKCE, made on the cooperative's server with the SDK. */
export const redirectSnippet = ({
  baseUrl,
  coopname,
  redirectUri,
}: SnippetContext) => `import { connectUrl, startShare } from '@cardcoop/sdk/coop';

// GET /join: keep state and the verifier in the member's session, then redirect.
const started = await startShare({ redirectUri: '${redirectUri}' });
session.cardcoop = started;
reply.redirect(connectUrl({ baseUrl: '${baseUrl}', coopname: '${coopname}', started }));`;

/** The callback on the cooperative's server: exchange the ticket, fetch and open the data. */
export const exchangeSnippet = ({
  baseUrl,
  coopname,
}: SnippetContext) => `import { exchangeTicket, fetchSharedData, openSharedData } from '@cardcoop/sdk/coop';

// GET /callback?ticket=…&state=…: compare state with session.cardcoop.state first.
const started = session.cardcoop;
const token = await exchangeTicket({
  baseUrl: '${baseUrl}',
  coopname: '${coopname}',
  clientSecret: process.env.CARDCOOP_CLIENT_SECRET,
  ticket,
  redirectUri: started.redirectUri,
  codeVerifier: started.codeVerifier,
});
const shared = await fetchSharedData({
  baseUrl: '${baseUrl}',
  token: token.access_token,
  username: token.username,
  coopname: '${coopname}',
});
const { fields, memberPublicKey } = await openSharedData({
  envelope: shared.envelope,
  dataPrivateKey: process.env.CARDCOOP_DATA_PRIVATE_KEY,
  coopname: '${coopname}',
  username: token.username,
  // The key kept from this member's first share; the reported one only on that first share.
  expectedMemberKey: (await members.keyOf(token.username)) ?? shared.public_key,
});
// card.coop's "Test connection" shares as a test member: check it, answer 200, admit nobody.
if (token.test) return reply.send('card.coop test share opened');`;
