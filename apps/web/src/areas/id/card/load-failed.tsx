import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { cardErrorMessage } from './card-error';

/** A screen's data did not load: what went wrong, and another try. */
export function LoadFailed({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation('id');
  return (
    <Alert color="red" role="alert" title={title}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{cardErrorMessage(error, t)}</Text>
        <Button variant="default" onClick={onRetry}>
          {t('card.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
