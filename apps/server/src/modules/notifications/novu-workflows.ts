import { NOTIFICATION_TYPES } from '@cardcoop/contracts';
import type { NotificationType } from '@cardcoop/contracts';

/**
 * The Novu workflow of a notification type: one per type, a stable identifier a Novu account
 * must have ("grant.read" → "cardcoop-grant-read"). docs/novu.md lists them all.
 */
export const novuWorkflowId = (type: NotificationType): string =>
  `cardcoop-${type.replace(/[._]/g, '-')}`;

/** Every workflow a Novu account needs, in the order of the types. */
export const NOVU_WORKFLOW_IDS: readonly string[] = NOTIFICATION_TYPES.map(novuWorkflowId);
