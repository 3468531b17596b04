import { CardCoopError, HttpClient } from '@cardcoop/sdk';
import { useEffect, useState } from 'react';
import { currentLanguage } from '../../../lib/i18n';
import type { ConnectRequest } from './connect-request';
import { rememberConnectVisit } from './connect-visit';

/** The server's answer about a connect request: who asks, and that the address is theirs. */
export interface ConnectTarget {
  coopname: string;
  display_name: string;
  redirect_uri: string;
  response_mode: 'query' | 'web_message';
  requested_fields: string[];
  /** `open`: a member who is not confirmed yet may share as an applicant. */
  admission: 'members' | 'open';
  /** This opening of the page, for the cooperative's statistics. */
  visit_id?: string;
}

function isConnectTarget(value: unknown): value is ConnectTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as Record<string, unknown>;
  return (
    typeof target.coopname === 'string' &&
    typeof target.display_name === 'string' &&
    typeof target.redirect_uri === 'string' &&
    (target.response_mode === 'query' || target.response_mode === 'web_message') &&
    Array.isArray(target.requested_fields) &&
    target.requested_fields.every((field) => typeof field === 'string') &&
    (target.admission === 'members' || target.admission === 'open')
  );
}

/**
 * Asks the server (public, before sign-in) whether the cooperative registered this return
 * address for this mode. The answer must be about exactly this request.
 *
 * @throws CardCoopError `UNREGISTERED_CALLBACK` (422) for an address the cooperative did not
 * register; `NOT_FOUND` for an unknown or suspended cooperative; `NETWORK_ERROR`.
 */
export async function fetchConnectTarget(request: ConnectRequest): Promise<ConnectTarget> {
  const http = new HttpClient({ baseUrl: window.location.origin, language: currentLanguage() });
  const query = new URLSearchParams({
    redirect_uri: request.redirectUri,
    response_mode: request.responseMode,
    ...(request.prompt ? { prompt: request.prompt } : {}),
  });
  const answer = await http.request<unknown>(
    `/api/v1/access/connect/${encodeURIComponent(request.coopname)}?${query}`,
  );
  if (
    !isConnectTarget(answer) ||
    answer.coopname !== request.coopname ||
    answer.redirect_uri !== request.redirectUri ||
    answer.response_mode !== request.responseMode
  ) {
    throw new CardCoopError('INVALID_RESPONSE', 'Unexpected answer from access/connect.', {
      status: 200,
    });
  }
  rememberConnectVisit(answer.coopname, answer.visit_id);
  return answer;
}

/** Tries again after a network error only: a refusal is final. */
const RETRIES = 2;
const retryDelay = (failures: number) => 1000 * 2 ** failures;

/** What a page knows of the target: `data` once it is confirmed, `error` once refused. */
export type ConnectTargetState = (
  | { isSuccess: false; isError: false; data: undefined; error: undefined }
  | { isSuccess: true; isError: false; data: ConnectTarget; error: undefined }
  | { isSuccess: false; isError: true; data: undefined; error: unknown }
) & { refetch: () => void };

type Answer = { data: ConnectTarget; error?: undefined } | { data?: undefined; error: unknown };

/**
 * {@link fetchConnectTarget} for a page; a refusal is final (no retries), a network error not.
 * `refetch` asks again, showing the last answer until the new one is in. (A plain hook rather
 * than TanStack Query: it is the only query of the embed's first screen.)
 */
export function useConnectTarget(request: ConnectRequest | undefined): ConnectTargetState {
  // The answer is kept with the request it is about: another request starts out pending.
  const [answer, setAnswer] = useState<{ request: ConnectRequest; answer: Answer }>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!request) return;
    let current = true;
    const settle = (result: Answer) => {
      if (current) setAnswer({ request, answer: result });
    };
    void (async () => {
      for (let failures = 0; current; failures += 1) {
        try {
          settle({ data: await fetchConnectTarget(request) });
          return;
        } catch (error) {
          const network = error instanceof CardCoopError && error.code === 'NETWORK_ERROR';
          if (!network || failures >= RETRIES) {
            settle({ error });
            return;
          }
          await new Promise((resume) => setTimeout(resume, retryDelay(failures)));
        }
      }
    })();
    return () => {
      current = false;
    };
  }, [request, round]);

  const refetch = () => setRound((value) => value + 1);
  const known = request && answer?.request === request ? answer.answer : undefined;
  if (known?.data) {
    return { isSuccess: true, isError: false, data: known.data, error: undefined, refetch };
  }
  if (known)
    return { isSuccess: false, isError: true, data: undefined, error: known.error, refetch };
  return { isSuccess: false, isError: false, data: undefined, error: undefined, refetch };
}
