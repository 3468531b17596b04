import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { isPublicTarget } from '../webhooks/webhook-target.js';

/**
 * `answered`: any HTTP answer below 500 (a callback page without its query may well say 400);
 * `server_error`: 5xx; `unreachable`: no answer within the timeout; `private_address`: on a
 * private network the server must not call (SSRF), so it cannot tell — a developer's localhost.
 */
export type Reachability = 'answered' | 'server_error' | 'unreachable' | 'private_address';

export interface ReachabilityProbe {
  probe(url: string): Promise<Reachability>;
}
export const REACHABILITY_PROBE = Symbol('REACHABILITY_PROBE');

const PROBE_TIMEOUT_MS = 5_000;

/** One GET without following redirects, under the same address rules as webhooks. */
@Injectable()
export class HttpReachabilityProbe implements ReachabilityProbe {
  constructor(@Inject(CONFIG) private readonly config: Config) {}

  async probe(url: string): Promise<Reachability> {
    if (!this.config.webhooks.allowPrivateTargets && !(await isPublicTarget(url))) {
      return 'private_address';
    }
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        headers: { 'user-agent': 'card.coop connection test' },
      });
      await response.body?.cancel();
      return response.status < 500 ? 'answered' : 'server_error';
    } catch {
      return 'unreachable';
    }
  }
}
