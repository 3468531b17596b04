import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDate } from '../common/format-date';
import { useDeletionStatus } from './security-queries';

/** Where the Security page's deletion section is: the banner's link leads there. */
export const DELETION_ANCHOR = 'deletion';

/**
 * On every page of a signed-in member whose account is due to be deleted: when, and the way
 * to the Security page, where it is cancelled.
 */
export function DeletionBanner() {
  const { t } = useTranslation('id');
  const formatDate = useFormatDate();
  const due = useDeletionStatus().data?.deletion_due_at;
  if (!due) return null;
  return (
    <Alert color="red" mb="lg" title={t('common.deletion.title')} role="status">
      <Text size="sm">{t('common.deletion.text', { date: formatDate(due) })}</Text>
      <Anchor
        component={Link}
        to={`/id/security#${DELETION_ANCHOR}`}
        size="sm"
        fw={600}
        c="inherit"
        underline="always"
      >
        {t('common.deletion.cancel')}
      </Anchor>
    </Alert>
  );
}
