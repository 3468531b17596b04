import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret shown this once (the business panel and /admin): the value, a Copy button with its
 * live confirmation, a warning.
 */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  const { t } = useTranslation();
  const clipboard = useClipboard({ timeout: 2500 });
  const labelId = useId();
  return (
    <Stack gap="xs">
      <Alert color="yellow" role="alert">
        {t('secretOnce.warning')}
      </Alert>
      <Text fw={600} id={labelId}>
        {label}
      </Text>
      <Code
        block
        aria-labelledby={labelId}
        style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
      >
        {secret}
      </Code>
      <Group gap="xs">
        <Button
          variant="default"
          size="compact-sm"
          onClick={() => clipboard.copy(secret)}
          aria-label={t('secretOnce.copyLabel', { what: label })}
        >
          {t('secretOnce.copy')}
        </Button>
        <Text size="sm" role="status" aria-live="polite" c="teal.9">
          {clipboard.copied ? t('secretOnce.copied') : ''}
        </Text>
      </Group>
    </Stack>
  );
}
