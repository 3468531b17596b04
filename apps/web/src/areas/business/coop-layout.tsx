import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { CoopProvider } from './coop-context';
import { sectionsFor } from './coop-sections';
import { QueryState } from '../../components/query-state';
import { useCooperatives } from './use-cooperatives';
import type { StaffCooperative } from './use-cooperatives';
import { VerificationBadge } from './verification-badge';

/**
 * `/business/:coopname/*`: the cooperative's name, its status and the sections the member's role
 * sees, above the current section. A cooperative the member does not work for is "not found".
 */
export function CoopLayout() {
  const { t } = useTranslation('business');
  const { coopname = '' } = useParams();
  const cooperatives = useCooperatives();
  return (
    <Stack maw={1100} gap="md">
      <Anchor component={Link} to="/business" size="sm">
        ← {t('nav.back')}
      </Anchor>
      <QueryState query={cooperatives} lines={2}>
        {(list) => {
          const coop = list.find((item) => item.coopname === coopname);
          if (!coop)
            return (
              <Stack gap="xs">
                <Title order={1}>{t('notFound.title')}</Title>
                <Text>{t('notFound.text', { coopname })}</Text>
              </Stack>
            );
          return (
            <CoopProvider value={coop}>
              <CoopHeader coop={coop} />
              <Outlet />
            </CoopProvider>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function CoopHeader({ coop }: { coop: StaffCooperative }) {
  const { t } = useTranslation('business');
  const { pathname } = useLocation();
  const base = `/business/${coop.coopname}`;
  return (
    <Stack gap="xs">
      <Group gap="sm" align="center">
        <Text fw={700} size="lg">
          {coop.display_name}
        </Text>
        <Text c="dimmed" size="sm">
          {coop.coopname} · {t(`roles.${coop.role}`)}
        </Text>
        <VerificationBadge verified={coop.verified} />
        {coop.status === 'suspended' && (
          <Text size="sm" fw={600} c="red.9">
            {t('suspended')}
          </Text>
        )}
      </Group>
      <Group component="nav" aria-label={t('nav.label')} gap={4}>
        {sectionsFor(coop.role).map(({ key, path }) => {
          const to = path ? `${base}/${path}` : base;
          const current = pathname === to;
          return (
            <Button
              key={key}
              component={Link}
              to={to}
              size="compact-sm"
              variant={current ? 'light' : 'subtle'}
              aria-current={current ? 'page' : undefined}
            >
              {t(`nav.${key}`)}
            </Button>
          );
        })}
      </Group>
    </Stack>
  );
}
