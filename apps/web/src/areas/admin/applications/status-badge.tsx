import type { ApplicationStatus } from '@cardcoop/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ApplicationStatus, string> = {
  draft: 'gray.9',
  submitted: 'indigo.9',
  changes_requested: 'orange.9',
  approved: 'green.9',
  rejected: 'red.9',
};

/** An application's status as a badge. */
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation('admin');
  return (
    <Badge variant="light" color={COLORS[status]}>
      {t(`applications.status.${status}`)}
    </Badge>
  );
}
