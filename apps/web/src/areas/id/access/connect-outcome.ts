/** How a connect request ends: a ticket for the cooperative, or the member's refusal. */
export type ConnectOutcome =
  { ticket: string; state: string } | { error: 'access_denied'; state: string };

/**
 * The outcome as it crosses to the cooperative's page in `web_message` mode; besides it, only
 * the iframe's height does (`FrameHeightMessage`, frame-height.ts).
 */
export type ConnectMessage =
  | { type: 'cardcoop:ticket'; ticket: string; state: string }
  | { type: 'cardcoop:error'; error: 'access_denied'; state: string };

/**
 * The callback address with the outcome added (`ticket` + `state`, or `error` + `state`); the
 * callback's own query parameters stay.
 *
 * @example
 * ```ts
 * callbackUrl('https://coop.example/cb?lang=ru', { ticket: 't', state: 's' });
 * // 'https://coop.example/cb?lang=ru&ticket=t&state=s'
 * ```
 */
export function callbackUrl(callback: string, outcome: ConnectOutcome): string {
  const url = new URL(callback);
  if ('ticket' in outcome) url.searchParams.set('ticket', outcome.ticket);
  else url.searchParams.set('error', outcome.error);
  url.searchParams.set('state', outcome.state);
  return url.toString();
}

/** The message posted to the cooperative's page (iframe parent or popup opener). */
export function connectMessage(outcome: ConnectOutcome): ConnectMessage {
  return 'ticket' in outcome
    ? { type: 'cardcoop:ticket', ticket: outcome.ticket, state: outcome.state }
    : { type: 'cardcoop:error', error: outcome.error, state: outcome.state };
}

/**
 * Posts the outcome to the cooperative's window at exactly its registered origin: the browser
 * drops the message if that window shows anything else by now. Never `*`.
 */
export function postOutcome(target: Window, origin: string, outcome: ConnectOutcome): void {
  target.postMessage(connectMessage(outcome), origin);
}
