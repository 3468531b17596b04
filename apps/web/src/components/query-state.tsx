import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from './server-error';

/** A query's data, a placeholder while it loads, or its failure with a retry. */
export function QueryState<T>({
  query,
  lines = 3,
  children,
}: {
  query: Pick<UseQueryResult<T>, 'isSuccess' | 'isError' | 'data' | 'error' | 'refetch'>;
  lines?: number;
  children: (value: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { t: tId } = useTranslation('id');
  if (query.isSuccess) return children(query.data as T);
  if (query.isError)
    return (
      <Alert color="red" role="alert" title={t('app.loadFailed')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{serverError(query.error, tId)}</Text>
          <Button size="xs" variant="default" onClick={() => void query.refetch()}>
            {t('app.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  return (
    <Stack gap="xs" role="status" aria-label={t('app.loading')}>
      {Array.from({ length: lines }, (_, line) => (
        <Skeleton key={line} height={20} width={line === lines - 1 ? '60%' : '100%'} />
      ))}
    </Stack>
  );
}
