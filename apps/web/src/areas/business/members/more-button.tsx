import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Show more" under a list loaded a page at a time, while there is more. */
export function MoreButton({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  const { t } = useTranslation('business');
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="default"
      onClick={() => void query.fetchNextPage()}
      loading={query.isFetchingNextPage}
      style={{ alignSelf: 'flex-start' }}
    >
      {t('members.more')}
    </Button>
  );
}
