import { maintenanceAnnouncementSchema } from '@cardcoop/contracts';
import type {
  CreateMaintenance,
  MaintenanceAnnouncement,
  UpdateMaintenance,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const MAINTENANCE_PATH = '/api/v1/admin/maintenance';

/**
 * Planned maintenance announced to every member in advance (a banner with start and end; the
 * public list is `client.maintenance.upcoming()`).
 *
 * @example
 * ```ts
 * const { id } = await platform.maintenance.create({
 *   starts_at: '2027-01-10T22:00:00Z',
 *   ends_at: '2027-01-10T23:00:00Z',
 *   message_ru: 'Обновление базы данных',
 *   message_en: 'Database upgrade',
 * });
 * await platform.maintenance.update(id, { ends_at: '2027-01-10T23:30:00Z' });
 * ```
 */
export interface PlatformMaintenanceClient {
  create(input: CreateMaintenance): Promise<MaintenanceAnnouncement>;
  update(id: string, changes: UpdateMaintenance): Promise<MaintenanceAnnouncement>;
  remove(id: string): Promise<void>;
}

export function createPlatformMaintenanceClient(
  session: MemberSessionManager,
): PlatformMaintenanceClient {
  const announcementPath = (id: string) => `${MAINTENANCE_PATH}/${encodeURIComponent(id)}`;
  return {
    create: async (input) =>
      parseResponse(
        maintenanceAnnouncementSchema,
        await session.request(MAINTENANCE_PATH, { method: 'POST', body: input }),
        'maintenance announcement',
      ),
    update: async (id, changes) =>
      parseResponse(
        maintenanceAnnouncementSchema,
        await session.request(announcementPath(id), { method: 'PATCH', body: changes }),
        'maintenance announcement',
      ),
    remove: async (id) => {
      await session.request(announcementPath(id), { method: 'DELETE' });
    },
  };
}
