import { Anchor, Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCoop } from './coop-context';
import { ConnectionTest } from './connection-test/connection-test';
import { canChange } from './coop-sections';
import { SectionPage } from './section-page';
import { VerificationBadge } from './verification-badge';

/** `/business/:coopname`: status, the member's role and what to do next. */
export function OverviewPage() {
  const { t } = useTranslation('business');
  const coop = useCoop();
  const base = `/business/${coop.coopname}`;
  return (
    <SectionPage title={t('overview.title')}>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text>
            <Text span fw={600}>
              {t('overview.role')}:
            </Text>{' '}
            {t(`roles.${coop.role}`)}
          </Text>
          <div>
            <VerificationBadge verified={coop.verified} />
          </div>
          {!canChange(coop.role) && <Text size="sm">{t('readOnly')}</Text>}
        </Stack>
      </Paper>
      {canChange(coop.role) && (
        <Paper component="section" aria-labelledby="overview-next" withBorder p="md">
          <Title order={2} size="h4" id="overview-next" mb="sm">
            {t('overview.next')}
          </Title>
          <List type="ordered" spacing="xs">
            {!coop.verified && <List.Item>{t('overview.steps.verify')}</List.Item>}
            <List.Item>{t('overview.steps.settings')}</List.Item>
            <List.Item>{t('overview.steps.key')}</List.Item>
            <List.Item>{t('overview.steps.snippet')}</List.Item>
          </List>
          {!coop.verified && (
            <Button component={Link} to={`/business/connect?coopname=${coop.coopname}`} mt="md">
              {t('overview.verify')}
            </Button>
          )}
          <Stack gap={4} mt="md">
            <Anchor component={Link} to={`${base}/integration`}>
              {t('nav.integration')}
            </Anchor>
            <Anchor component={Link} to={`${base}/help`}>
              {t('nav.help')}
            </Anchor>
          </Stack>
        </Paper>
      )}
      <ConnectionTest />
    </SectionPage>
  );
}
