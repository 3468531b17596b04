import { maintenanceListSchema } from '@cardcoop/contracts';
import type { MaintenanceList } from '@cardcoop/contracts';
import { parseResponse } from './auth/common.js';
import type { HttpClient } from './http.js';

/**
 * Planned maintenance (public, cached for 60 s): the announcements that have not ended yet,
 * soonest first, each with its start, end and message in Russian and English.
 *
 * @example
 * ```ts
 * const { announcements } = await upcomingMaintenance(http);
 * ```
 */
export async function upcomingMaintenance(http: HttpClient): Promise<MaintenanceList> {
  return parseResponse(
    maintenanceListSchema,
    await http.request('/api/v1/maintenance'),
    'maintenance',
  );
}
