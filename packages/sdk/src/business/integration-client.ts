import { businessIntegrationSchema, rotatedClientSecretSchema } from '@cardcoop/contracts';
import type {
  BusinessIntegration,
  DataKeyCertificate,
  LogoContentType,
  RotatedClientSecret,
  UpdateIntegration,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { base64UrlEncode } from '../crypto/encoding.js';
import type { MemberSessionManager } from '../session/manager.js';

const integrationPath = (coopname: string, rest = '') =>
  `/api/v1/business/cooperatives/${encodeURIComponent(coopname)}/integration${rest}`;

/** Standard base64 (with padding), as the logo upload takes it. */
function base64(bytes: Uint8Array): string {
  const text = base64UrlEncode(bytes).replaceAll('-', '+').replaceAll('_', '/');
  return text.padEnd(Math.ceil(text.length / 4) * 4, '=');
}

/**
 * A cooperative's integration settings (staff read; owners and admins change): what the
 * consent screen shows, where tickets may go, the requested fields with their reasons, the logo,
 * the data key and the client secret. Changes are made on top of the revision read (a
 * `CONFLICT` error when someone changed them meanwhile: read again and retry).
 *
 * @example
 * ```ts
 * const settings = await business.integration.get('voskhod');
 * await business.integration.update('voskhod', {
 *   expected_revision: settings.revision,
 *   redirect_uris: ['https://voskhod.example/callback'],
 *   requested_fields: [{ field: 'phone', reason: 'To call you about meetings' }],
 * });
 * // After POST /auth/step-up (owners only): the new secret is shown this once.
 * const { client_secret } = await business.integration.rotateSecret('voskhod', 60);
 * ```
 */
export interface IntegrationClient {
  get(coopname: string): Promise<BusinessIntegration>;
  update(coopname: string, input: UpdateIntegration): Promise<BusinessIntegration>;
  /** A PNG, JPEG or WebP ≤ 200 KB and ≤ 1024 px a side; `contentType` must be its real type. */
  putLogo(
    coopname: string,
    image: { contentType: LogoContentType; bytes: Uint8Array },
  ): Promise<BusinessIntegration>;
  removeLogo(coopname: string): Promise<void>;
  /**
   * A new client secret (step-up first; owners only), shown this once; the previous one — and
   * the cooperative tokens issued under it — keep working for `graceMinutes` (0 to 10080).
   */
  rotateSecret(coopname: string, graceMinutes: number): Promise<RotatedClientSecret>;
  /**
   * Publishes a data key certificate (step-up first), made in the browser or with
   * `certifyDataKey` from `@cardcoop/sdk/coop`; checked as `PUT /coop/data-key` checks it.
   */
  publishDataKey(coopname: string, certificate: DataKeyCertificate): Promise<BusinessIntegration>;
}

export function createIntegrationClient(session: MemberSessionManager): IntegrationClient {
  const settings = async (response: Promise<unknown>) =>
    parseResponse(businessIntegrationSchema, await response, 'integration settings');
  return {
    get: (coopname) => settings(session.request(integrationPath(coopname))),
    update: (coopname, input) =>
      settings(session.request(integrationPath(coopname), { method: 'PATCH', body: input })),
    putLogo: (coopname, image) =>
      settings(
        session.request(integrationPath(coopname, '/logo'), {
          method: 'PUT',
          body: { content_type: image.contentType, data: base64(image.bytes) },
        }),
      ),
    removeLogo: async (coopname) => {
      await session.request(integrationPath(coopname, '/logo'), { method: 'DELETE' });
    },
    rotateSecret: async (coopname, graceMinutes) =>
      parseResponse(
        rotatedClientSecretSchema,
        await session.request(integrationPath(coopname, '/client-secret'), {
          method: 'POST',
          body: { grace_minutes: graceMinutes },
        }),
        'client secret',
      ),
    publishDataKey: (coopname, certificate) =>
      settings(
        session.request(integrationPath(coopname, '/data-key'), {
          method: 'PUT',
          body: { certificate },
        }),
      ),
  };
}
