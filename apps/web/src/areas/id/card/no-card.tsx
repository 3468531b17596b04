import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from './use-focus-on-mount';

/** The member has no card yet (`NOT_FOUND`). */
export function NoCard({ onCreate, focus }: { onCreate: () => void; focus: boolean }) {
  const { t } = useTranslation('id');
  const heading = useFocusOnMount<HTMLHeadingElement>(focus);
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
      <Stack align="flex-start">
        <Title order={2} ref={heading} tabIndex={-1}>
          {t('card.empty.title')}
        </Title>
        <Text>{t('card.empty.text')}</Text>
        <Button onClick={onCreate}>{t('card.empty.create')}</Button>
      </Stack>
    </Paper>
  );
}
