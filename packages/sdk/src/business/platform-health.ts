import { platformHealthSchema } from '@cardcoop/contracts';
import type { PlatformHealth } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const HEALTH_PATH = '/api/v1/admin/health';

/**
 * The platform's health for platform admins: database, cache, mail, the job queue (waiting,
 * failed, how late the oldest due job is) and the server's version.
 *
 * @example
 * ```ts
 * const { status, jobs } = await platform.health.get();
 * ```
 */
export interface PlatformHealthClient {
  get(): Promise<PlatformHealth>;
}

export function createPlatformHealthClient(session: MemberSessionManager): PlatformHealthClient {
  return {
    get: async () =>
      parseResponse(platformHealthSchema, await session.request(HEALTH_PATH), 'platform health'),
  };
}
