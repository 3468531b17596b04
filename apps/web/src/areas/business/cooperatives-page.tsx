import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import { QueryState } from '../../components/query-state';
import { useCooperatives } from './use-cooperatives';
import type { StaffCooperative } from './use-cooperatives';
import { VerificationBadge } from './verification-badge';

/** `/business`: the cooperatives the member works for, and connecting another one. */
export function CooperativesPage() {
  const { t } = useTranslation('business');
  usePageTitle(t('title'));
  const cooperatives = useCooperatives();

  return (
    <Stack maw={900} gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap="xs" maw={640}>
          <Title order={1}>{t('title')}</Title>
          <Text>{t('list.lead')}</Text>
        </Stack>
        <Button component={Link} to="/business/connect">
          {t('list.connect')}
        </Button>
      </Group>
      <section aria-labelledby="business-cooperatives">
        <Title order={2} size="h3" id="business-cooperatives" mb="sm">
          {t('list.label')}
        </Title>
        <QueryState query={cooperatives}>
          {(list) =>
            list.length === 0 ? (
              <Text>{t('list.empty')}</Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {list.map((cooperative) => (
                  <CooperativeItem key={cooperative.coopname} cooperative={cooperative} />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </section>
    </Stack>
  );
}

function CooperativeItem({ cooperative }: { cooperative: StaffCooperative }) {
  const { t } = useTranslation('business');
  return (
    <Paper component="li" withBorder p="md">
      <Group justify="space-between" gap="sm">
        <Stack gap={4} miw={0}>
          <Anchor component={Link} to={`/business/${cooperative.coopname}`} fw={600}>
            {cooperative.display_name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {cooperative.coopname} · {t('list.role', { role: t(`roles.${cooperative.role}`) })}
          </Text>
        </Stack>
        <VerificationBadge verified={cooperative.verified} />
      </Group>
    </Paper>
  );
}
