import { request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './webhook-target.js';

/** What the receiver answered: its status (null: no answer) and an error for the log. */
export interface SendResult {
  statusCode: number | null;
  error: string | null;
}

/** At most this much of an answer is read (and only its first 200 characters kept). */
const BODY_LIMIT = 4096;

/** Connects only to public addresses: checked on the address actually connected to (no rebinding). */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const list = addresses as unknown as { address: string; family: number }[];
    const allowed = list.filter(({ address }) => !isPrivateAddress(address));
    if (allowed.length === 0 || allowed.length !== list.length)
      return callback(new Error('refused: the host resolves to a private address'), '', 4);
    if ((options as { all?: boolean }).all) return callback(null, allowed as never);
    return callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

/**
 * POSTs one signed delivery: no redirects followed (a 3xx is a failure), `timeoutMs` for the
 * whole exchange, at most 4 KB of the answer read. Private targets only when allowed.
 */
export function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<SendResult> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'card.coop-webhooks/1',
    },
    ...(options.allowPrivate ? {} : { lookup: publicLookup }),
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = send(target, requestOptions, (response: IncomingMessage) => {
      let read = 0;
      let text = '';
      response.on('data', (chunk: Buffer) => {
        if (read < BODY_LIMIT) text += chunk.subarray(0, BODY_LIMIT - read).toString('utf8');
        read += chunk.length;
        if (read >= BODY_LIMIT) done();
      });
      const done = () => {
        const code = response.statusCode ?? null;
        const ok = code !== null && code >= 200 && code < 300;
        finish({ statusCode: code, error: ok ? null : `HTTP ${code}: ${text.slice(0, 200)}` });
      };
      response.on('end', done);
      response.on('error', done);
    });
    const timer = setTimeout(
      () => finish({ statusCode: null, error: `timed out after ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    request.on('error', (error) => finish({ statusCode: null, error: error.message }));
    request.end(body);
  });
}
