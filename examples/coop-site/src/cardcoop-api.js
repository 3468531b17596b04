// @ts-check

/**
 * @typedef {{
 *   coopname: string; display_name: string; origins: string[]; redirect_uris: string[];
 *   entry_url: string | null;
 *   level: 'basic' | 'extended'; admission: 'members' | 'open'; status: 'active' | 'suspended';
 *   requested_fields: string[]; data_key: { kid: string; fingerprint: string } | null;
 *   revision: number; created_at: string; updated_at: string;
 * }} AdminCooperative
 */

/** A card.coop answer other than 2xx, or no answer at all (`status` 0, `NETWORK_ERROR`). */
export class CardCoopApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(status, code, message, options) {
    super(message, options);
    this.name = 'CardCoopApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * The two card.coop APIs the site calls beyond the SDK: the operator's admin API (registering the
 * cooperative, a development convenience) and the cooperative API (its data key and members),
 * authenticated with the cooperative's client credentials.
 *
 * @param {{ baseUrl: string; fetch: typeof globalThis.fetch }} options
 */
export function createCardCoopApi({ baseUrl, fetch }) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {string} authorization
   * @param {unknown} [body]
   */
  async function call(method, path, authorization, body) {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json', authorization };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (cause) {
      throw new CardCoopApiError(0, 'NETWORK_ERROR', `card.coop is unreachable at ${baseUrl}`, {
        cause,
      });
    }
    const text = await response.text();
    /** @type {any} */
    let json;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      throw new CardCoopApiError(
        response.status,
        typeof json?.code === 'string' ? json.code : `HTTP_${response.status}`,
        typeof json?.message === 'string'
          ? json.message
          : `${method} ${path} answered ${response.status}`,
      );
    }
    return json;
  }

  return {
    /** @param {string} adminKey */
    admin(adminKey) {
      const auth = `Bearer ${adminKey}`;
      const path = (/** @type {string} */ coopname) =>
        `/api/v1/admin/cooperatives/${encodeURIComponent(coopname)}`;
      return {
        /**
         * @param {string} coopname
         * @returns {Promise<AdminCooperative | null>}
         */
        async get(coopname) {
          try {
            return await call('GET', path(coopname), auth);
          } catch (error) {
            if (error instanceof CardCoopApiError && error.status === 404) return null;
            throw error;
          }
        },
        /** @returns {Promise<AdminCooperative[]>} */
        async list() {
          return (await call('GET', '/api/v1/admin/cooperatives', auth)).cooperatives;
        },
        /**
         * @param {Record<string, unknown>} body
         * @returns {Promise<{ cooperative: AdminCooperative; client_secret: string }>}
         */
        create: (body) => call('POST', '/api/v1/admin/cooperatives', auth, body),
        /**
         * @param {string} coopname
         * @param {Record<string, unknown> & { expected_revision: number }} body
         * @returns {Promise<AdminCooperative>}
         */
        update: (coopname, body) => call('PATCH', path(coopname), auth, body),
        /**
         * @param {string} coopname
         * @returns {Promise<{ client_id: string; client_secret: string }>}
         */
        rotateSecret: (coopname) => call('POST', `${path(coopname)}/rotate-secret`, auth),
      };
    },

    /**
     * @param {string} coopname
     * @param {string} clientSecret
     */
    coop(coopname, clientSecret) {
      const auth = `Basic ${Buffer.from(`${coopname}:${clientSecret}`).toString('base64')}`;
      return {
        /** @param {unknown} certificate */
        publishDataKey: (certificate) => call('PUT', '/api/v1/coop/data-key', auth, certificate),
        /** The cooperative admits the applicant: card.coop records the membership as confirmed. */
        confirmMembership: (/** @type {string} */ username) =>
          call('PUT', `/api/v1/coop/memberships/${encodeURIComponent(username)}`, auth),
      };
    },
  };
}

/** @typedef {ReturnType<typeof createCardCoopApi>} CardCoopApi */
