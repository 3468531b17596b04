import {
  adminCooperativeListSchema,
  adminCooperativeSchema,
  cooperativeCreatedSchema,
  rotatedClientSecretSchema,
} from '@cardcoop/contracts';
import type {
  AdminCooperative,
  AdminCooperativeList,
  AdminCooperativeListQuery,
  AdminRotateSecret,
  RotatedClientSecret,
  CreateCooperativeInput,
  UpdateCooperative,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { everyPage, withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const COOPERATIVES_PATH = '/api/v1/admin/cooperatives';

/**
 * The platform's registry of cooperatives, for platform admins (the coop CLI and the admin key
 * do the same for automation): register (the client secret is in that answer only), configure
 * with `expected_revision` (`CONFLICT` when changed meanwhile), rotate the client secret (step-up).
 *
 * @example
 * ```ts
 * const { client_secret } = await platform.cooperatives.create({ coopname: 'voskhod', display_name: 'ПК «Восход»' });
 * const coop = await platform.cooperatives.get('voskhod');
 * await platform.cooperatives.update('voskhod', { expected_revision: coop.revision, status: 'suspended' });
 * ```
 */
export interface PlatformCooperativesClient {
  /** Every cooperative by coopname, read page after page. */
  list(): Promise<AdminCooperative[]>;
  /** One page by coopname; pass `next_cursor` as `cursor` for the next one. */
  page(query?: AdminCooperativeListQuery): Promise<AdminCooperativeList>;
  get(coopname: string): Promise<AdminCooperative>;
  create(
    /** Only `coopname` and `display_name` are required; the rest take their defaults. */
    input: CreateCooperativeInput,
  ): Promise<{ cooperative: AdminCooperative; client_secret: string }>;
  update(coopname: string, changes: UpdateCooperative): Promise<AdminCooperative>;
  /**
   * Replaces the client secret (step-up): the new one is in this answer only. With
   * `grace_minutes` (at most 7 days) the previous one keeps working until `previous_valid_until`;
   * without, it stops at once.
   */
  rotateSecret(coopname: string, options?: AdminRotateSecret): Promise<RotatedClientSecret>;
}

export function createPlatformCooperativesClient(
  session: MemberSessionManager,
): PlatformCooperativesClient {
  const coopPath = (coopname: string, rest = '') =>
    `${COOPERATIVES_PATH}/${encodeURIComponent(coopname)}${rest}`;
  const page = async (query: AdminCooperativeListQuery = {}) =>
    parseResponse(
      adminCooperativeListSchema,
      await session.request(withQuery(COOPERATIVES_PATH, query)),
      'cooperatives',
    );
  return {
    list: () =>
      everyPage(
        (cursor) => page({ limit: 200, cursor }),
        (got) => got.cooperatives,
      ),
    page,
    get: async (coopname) =>
      parseResponse(
        adminCooperativeSchema,
        await session.request(coopPath(coopname)),
        'cooperative',
      ),
    create: async (input) =>
      parseResponse(
        cooperativeCreatedSchema,
        await session.request(COOPERATIVES_PATH, { method: 'POST', body: input }),
        'register cooperative',
      ),
    update: async (coopname, changes) =>
      parseResponse(
        adminCooperativeSchema,
        await session.request(coopPath(coopname), { method: 'PATCH', body: changes }),
        'cooperative',
      ),
    rotateSecret: async (coopname, options) =>
      parseResponse(
        rotatedClientSecretSchema,
        await session.request(coopPath(coopname, '/rotate-secret'), {
          method: 'POST',
          ...(options ? { body: options } : {}),
        }),
        'rotate secret',
      ),
  };
}
