import type { OperatorApplication } from '@cardcoop/contracts';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../id/common/format-date';

const COLOR = {
  none: 'gray',
  draft: 'blue',
  submitted: 'blue',
  changes_requested: 'yellow',
  approved: 'teal',
  rejected: 'red',
} as const;

/** Where the application stands, with the operator's reason when it was sent back or refused. */
export function StatusBanner({ application }: { application: OperatorApplication | null }) {
  const { t } = useTranslation('business');
  const formatDate = useFormatDate();
  const status = application?.status ?? 'none';
  return (
    <Alert
      color={COLOR[status]}
      title={t(`application.status.title.${status}`)}
      data-testid="application-status"
      aria-live="polite"
    >
      {t(`application.status.${status}`, {
        reason: application?.decision_reason ?? '',
        date: application?.submitted_at ? formatDate(application.submitted_at) : '',
      })}
    </Alert>
  );
}
