import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A failure that belongs to no single field. */
export function FormError({ message }: { message?: string }) {
  const { t } = useTranslation('id');
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={t('common.errors.title')} role="alert">
      {message}
    </Alert>
  );
}
