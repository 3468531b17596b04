import { Alert, Button, Center, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../common/error-message';

interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}

/** A query's data once loaded; a spinner until then, and a retry after a failure. */
export function QueryState<T>({ query, children }: QueryStateProps<T>) {
  const { t } = useTranslation('id');
  if (query.isSuccess) return children(query.data);
  if (query.isError) {
    return (
      <Alert color="red" title={t('common.errors.title')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(query.error, t)}</Text>
          <Button size="xs" variant="default" onClick={() => void query.refetch()}>
            {t('security.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Center py="md" role="status">
      <Loader size="sm" aria-hidden="true" />
      <VisuallyHidden>{t('security.loading')}</VisuallyHidden>
    </Center>
  );
}
