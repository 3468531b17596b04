import { connectionTestSchema } from '@cardcoop/contracts';
import type { ConnectionTest } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const BUSINESS_PATH = '/api/v1/business/cooperatives';

/**
 * "Test connection": every check the cooperative's integration needs, in order, and which one
 * failed (owner or admin).
 *
 * @example
 * ```ts
 * const test = await business.connectionTest.run('voskhod');
 * const failed = test.checks.find((check) => check.status === 'failed');
 * if (failed) console.log(failed.check, failed.reason, failed.target);
 * ```
 */
export interface ConnectionTestClient {
  run(coopname: string): Promise<ConnectionTest>;
}

export function createConnectionTestClient(session: MemberSessionManager): ConnectionTestClient {
  return {
    run: async (coopname) =>
      parseResponse(
        connectionTestSchema,
        await session.request(`${BUSINESS_PATH}/${encodeURIComponent(coopname)}/connection-test`, {
          method: 'POST',
        }),
        'connection test',
      ),
  };
}
