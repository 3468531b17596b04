import { Anchor, Paper, SimpleGrid, Title } from '@mantine/core';
import { createPlatformClient } from '@cardcoop/sdk/business';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMember } from '../id/session/require-unlocked';

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

/** The platform's administration, offered to its staff only. */
const ADMIN_LINK = { key: 'admin', to: '/admin' } as const;

/** The screens of the member's card, one step from the home (and `/admin` for platform staff). */
export function QuickLinks() {
  const { t } = useTranslation('member');
  const member = useMember();
  const role = useQuery({
    queryKey: ['member', 'platform-role'],
    queryFn: () => createPlatformClient(member).myRole(),
    staleTime: 5 * 60_000,
  });
  const links = role.data ? [...LINKS, ADMIN_LINK] : LINKS;
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
        {links.map(({ key, to }) => (
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
