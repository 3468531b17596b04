import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** A secret shown this once: the value, a Copy button with its live confirmation, a warning. */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  const { t } = useTranslation('business');
  const clipboard = useClipboard({ timeout: 2500 });
  return (
    <Stack gap="xs">
      <Alert color="yellow" role="alert">
        {t('connect.created.warning')}
      </Alert>
      <Text fw={600} id="secret-once-label">
        {label}
      </Text>
      <Code
        block
        aria-labelledby="secret-once-label"
        style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
      >
        {secret}
      </Code>
      <Group gap="xs">
        <Button
          variant="default"
          size="compact-sm"
          onClick={() => clipboard.copy(secret)}
          aria-label={t('copy.label', { what: label })}
        >
          {t('copy.button')}
        </Button>
        <Text size="sm" role="status" aria-live="polite" c="teal.9">
          {clipboard.copied ? t('copy.copied') : ''}
        </Text>
      </Group>
    </Stack>
  );
}
