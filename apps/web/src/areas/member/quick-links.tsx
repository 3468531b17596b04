import { Anchor, Paper, SimpleGrid, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

const LINKS = [
  { key: 'card', to: '/id/card' },
  { key: 'accounts', to: '/id/accounts' },
  { key: 'access', to: '/id/access' },
  { key: 'security', to: '/id/security' },
  { key: 'activity', to: '/member/activity' },
  // The business panel has no place in the header's full menu: one step from the home instead.
  { key: 'business', to: '/business' },
  { key: 'help', to: '/help' },
] as const;

/** The screens of the member's card, one step from the home. */
export function QuickLinks() {
  const { t } = useTranslation('member');
  return (
    <Paper
      component="nav"
      aria-labelledby="home-links-title"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Title order={2} size="h4" id="home-links-title" mb="sm">
        {t('home.links.title')}
      </Title>
      <SimpleGrid
        component="ul"
        cols={{ base: 1, xs: 2 }}
        spacing="xs"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {LINKS.map(({ key, to }) => (
          <li key={key}>
            <Anchor component={Link} to={to}>
              {t(`home.links.${key}`)}
            </Anchor>
          </li>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
