import type { ApplicationStatus } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../status-tag';
import type { TagColor } from '../status-tag';

const COLORS: Record<ApplicationStatus, TagColor> = {
  draft: 'gray',
  submitted: 'indigo',
  changes_requested: 'orange',
  approved: 'green',
  rejected: 'red',
};

/** An application's status as a tag. */
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation('admin');
  return <StatusTag color={COLORS[status]}>{t(`applications.status.${status}`)}</StatusTag>;
}
