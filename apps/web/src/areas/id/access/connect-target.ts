import { CardCoopError, HttpClient } from '@cardcoop/sdk';
import { useQuery } from '@tanstack/react-query';
import { currentLanguage } from '../../../lib/i18n';
import type { ConnectRequest } from './connect-request';

/** The server's answer about a connect request: who asks, and that the address is theirs. */
export interface ConnectTarget {
  coopname: string;
  cooperative_name: string;
  redirect_uri: string;
  response_mode: 'query' | 'web_message';
  requested_fields: string[];
  /** `open`: a member who is not confirmed yet may share as an applicant. */
  admission: 'members' | 'open';
}

function isConnectTarget(value: unknown): value is ConnectTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as Record<string, unknown>;
  return (
    typeof target.coopname === 'string' &&
    typeof target.cooperative_name === 'string' &&
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
  return answer;
}

/** {@link fetchConnectTarget} for a page; a refusal is final (no retries), a network error not. */
export function useConnectTarget(request: ConnectRequest | undefined) {
  return useQuery({
    queryKey: ['connect-target', request],
    queryFn: () => fetchConnectTarget(request as ConnectRequest),
    enabled: request !== undefined,
    staleTime: Infinity,
    retry: (failures, error) =>
      failures < 2 && error instanceof CardCoopError && error.code === 'NETWORK_ERROR',
  });
}
