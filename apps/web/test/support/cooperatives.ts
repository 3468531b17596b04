import type { UpdateCooperative } from '@cardcoop/contracts';
import type { AppServer } from './app-server.js';

/**
 * Changes a cooperative's settings through the admin API, as an operator would: reads its
 * revision, then patches on top of it.
 *
 * @example
 * ```ts
 * await updateCooperative(server, 'voskhodsite1', { consent_purpose: 'учёт паевых взносов' });
 * ```
 */
export async function updateCooperative(
  server: AppServer,
  coopname: string,
  change: Omit<UpdateCooperative, 'expected_revision'>,
): Promise<void> {
  const url = `${server.url}/api/v1/admin/cooperatives/${coopname}`;
  const headers = {
    authorization: `Bearer ${server.adminApiKey}`,
    'content-type': 'application/json',
  };
  const current = await fetch(url, { headers });
  if (!current.ok) throw new Error(`read cooperative: ${current.status}`);
  const { revision } = (await current.json()) as { revision: number };
  const updated = await fetch(url, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ ...change, expected_revision: revision }),
  });
  if (!updated.ok) throw new Error(`update cooperative: ${updated.status} ${await updated.text()}`);
}
