import { Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/**
 * A titled snippet with a Copy button; "Скопировано" is announced in a live region beside it.
 */
export function CopyBlock({
  id,
  title,
  text,
  code,
}: {
  id: string;
  title: string;
  text?: string;
  code: string;
}) {
  const { t } = useTranslation('business');
  const clipboard = useClipboard({ timeout: 2500 });
  return (
    <Paper
      component="section"
      aria-labelledby={`${id}-title`}
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" role="status" aria-live="polite" c="teal.9">
              {clipboard.copied ? t('copy.copied') : ''}
            </Text>
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => clipboard.copy(code)}
              aria-label={t('copy.label', { what: title })}
            >
              {t('copy.button')}
            </Button>
          </Group>
        </Group>
        {text && <Text size="sm">{text}</Text>}
        <Code block data-testid={`${id}-code`} style={{ overflowX: 'auto' }} tabIndex={0}>
          {code}
        </Code>
      </Stack>
    </Paper>
  );
}
