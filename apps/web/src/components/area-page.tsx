import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AreaKey } from '../app/areas';
import { usePageTitle } from './use-page-title';

/**
 * Landing page of an area: what the area is for and the sections it will hold. The sections are
 * listed, not linked, until their features land.
 */
export function AreaPage({ area }: { area: AreaKey }) {
  const { t } = useTranslation();
  const title = t(`areas.${area}.title`);
  const sections = Object.entries(t(`areas.${area}.sections`, { returnObjects: true }));
  usePageTitle(title);

  return (
    <Stack gap="lg" maw={760}>
      <Title order={1}>{title}</Title>
      <Text size="lg">{t(`areas.${area}.description`)}</Text>
      <Paper
        component="nav"
        aria-label={t('areas.sectionsLabel', { area: title })}
        withBorder
        p="md"
      >
        <Title order={2} size="h4" mb="sm">
          {t('areas.sectionsTitle')}
        </Title>
        <List listStyleType="none" spacing="xs">
          {sections.map(([key, name]) => (
            <List.Item key={key}>
              <Group gap="xs" wrap="nowrap">
                <Text span>{name}</Text>
                <Badge variant="default" size="sm">
                  {t('areas.soon')}
                </Badge>
              </Group>
            </List.Item>
          ))}
        </List>
      </Paper>
    </Stack>
  );
}
