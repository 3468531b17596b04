import { createBusinessClient } from '@cardcoop/sdk/business';
import type { WebhooksClient } from '@cardcoop/sdk/business';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { scopeOf } from '../../id/security/security-queries';
import { useMember } from '../../id/session/require-unlocked';

/** `business.webhooks` of the SDK on the signed-in member's session. */
export function useWebhooksClient(): WebhooksClient {
  const member = useMember();
  return useMemo(() => createBusinessClient(member).webhooks, [member]);
}

/** The query key of the cooperative's webhook data (`…, 'deliveries', id` below it). */
export function useWebhooksKey(coopname: string) {
  const member = useMember();
  return ['business', scopeOf(member), 'webhooks', coopname];
}

/** The cooperative's endpoints; `refresh` after every change. */
export function useEndpoints(coopname: string) {
  const client = useWebhooksClient();
  const queries = useQueryClient();
  const queryKey = useWebhooksKey(coopname);
  const query = useQuery({ queryKey, queryFn: () => client.list(coopname) });
  const refresh = () => queries.invalidateQueries({ queryKey, exact: true });
  return { query, refresh };
}
