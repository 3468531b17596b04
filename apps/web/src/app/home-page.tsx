import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../components/use-page-title';
import { AREAS } from './areas';

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('app.tagline'));

  return (
    <Stack gap="xl" maw={1100}>
      <Stack gap="sm" maw={760}>
        <Title order={1}>{t('home.title')}</Title>
        <Text size="lg">{t('home.lead')}</Text>
        <Group gap="sm" mt="xs">
          <Button component={Link} to="/id/register" size="md">
            {t('home.register')}
          </Button>
          <Button component={Link} to="/id/login" size="md" variant="default">
            {t('home.login')}
          </Button>
        </Group>
      </Stack>
      <section aria-labelledby="home-areas">
        <Title order={2} size="h3" id="home-areas" mb="md">
          {t('home.areasTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {AREAS.map(({ key, path }) => (
            <Card key={key} withBorder padding="lg">
              <Title order={3} size="h4" mb="xs">
                <Anchor component={Link} to={path} inherit>
                  {t(`areas.${key}.title`)}
                </Anchor>
              </Title>
              <Text>{t(`areas.${key}.summary`)}</Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
