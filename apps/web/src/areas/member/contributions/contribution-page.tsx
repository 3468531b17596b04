import { CopyIcon } from '../../../components/icons';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { ContributionDetails } from '@cardcoop/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDate } from '../../../lib/format';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { StatusBadge, useKindLabel } from './contribution-labels';
import { formatDay, formatMoney } from './money';
import { PaymentQr } from './payment-qr';
import { Receipt } from './receipt';
import { CONTRIBUTION_EVENTS, useReloadOn } from './use-reload-on';

/** One bank detail with a button that copies it. */
function DetailRow({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation('member');
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Stack gap={0} miw={0}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {value}
        </Text>
      </Stack>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={t('contributions.details.copied')} opened={copied} withArrow>
            <ActionIcon
              variant="default"
              onClick={copy}
              aria-label={t('contributions.details.copy', { field: label })}
            >
              <CopyIcon copied={copied} />
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function Details({ contribution }: { contribution: ContributionDetails }) {
  const { t, i18n } = useTranslation('member');
  const bank = contribution.payment_details;
  const rows: [string, string][] = [
    [t('contributions.details.recipient'), bank.recipient_name],
    [t('contributions.details.inn'), bank.inn],
    [t('contributions.details.kpp'), bank.kpp],
    [t('contributions.details.account'), bank.personal_acc],
    [t('contributions.details.bankName'), bank.bank_name],
    [t('contributions.details.bic'), bank.bic],
    [t('contributions.details.corrAccount'), bank.corresp_acc],
  ];
  return (
    <Stack gap="lg">
      <Group gap="md" wrap="wrap">
        <Text size="xl" fw={700}>
          {formatMoney(contribution.amount, i18n.language)}
        </Text>
        <StatusBadge status={contribution.status} />
      </Group>
      <Stack gap={4}>
        <Text>
          {t('contributions.details.cooperative')}: {contribution.display_name}
        </Text>
        <Text>
          {t('contributions.details.purpose')}: {contribution.purpose}
        </Text>
        <Text>
          {t('contributions.due', { date: formatDate(contribution.due_date, i18n.language) })}
        </Text>
      </Stack>
      {contribution.status === 'paid' && contribution.paid_at && (
        <Alert color="green" role="status" title={t('contributions.status.paid')}>
          {t('contributions.details.paid', {
            date: formatDay(contribution.paid_at, i18n.language),
          })}
        </Alert>
      )}
      {contribution.status === 'cancelled' && (
        <Alert color="gray" role="status">
          {t('contributions.details.cancelled')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {contribution.payload && (
          <Paper component="section" aria-labelledby="contribution-qr" withBorder p="md">
            <Stack gap="sm" align="flex-start">
              <Title order={2} size="h4" id="contribution-qr">
                {t('contributions.details.qr')}
              </Title>
              <PaymentQr
                payload={contribution.payload}
                label={t('contributions.details.qrLabel')}
                size={240}
              />
              <Text size="sm">{t('contributions.details.qrHint')}</Text>
              <Button variant="default" onClick={() => window.print()}>
                {t('contributions.details.print')}
              </Button>
            </Stack>
          </Paper>
        )}
        <Paper component="section" aria-labelledby="contribution-bank" withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4" id="contribution-bank">
              {t('contributions.details.bank')}
            </Title>
            <Stack gap="xs">
              {rows.map(([label, value]) => (
                <DetailRow key={label} label={label} value={value} />
              ))}
            </Stack>
          </Stack>
        </Paper>
      </SimpleGrid>
      {contribution.payload && <Receipt contribution={contribution} />}
    </Stack>
  );
}

/** `/member/contributions/:id`: how to pay one contribution, or when it was paid. */
export function ContributionPage() {
  const { t } = useTranslation('member');
  const { id = '' } = useParams();
  const member = useMember();
  const kind = useKindLabel();
  const load = useCallback(() => member.contributions.get(id), [member, id]);
  const { state, reload } = useLoaded(load);
  useReloadOn(CONTRIBUTION_EVENTS, reload);
  const title = state.status === 'ready' ? kind(state.value) : t('contributions.title');
  usePageTitle(title);
  return (
    <Stack maw={900} gap="lg">
      <Anchor component={Link} to="/member/contributions" size="sm">
        ← {t('contributions.back')}
      </Anchor>
      <Title order={1}>{title}</Title>
      <HomeSection
        id="contribution"
        title={t('contributions.details.payment')}
        failed={t('contributions.details.loadFailed')}
        lines={6}
        state={sectionState(state, reload)}
      >
        {(contribution) => <Details contribution={contribution} />}
      </HomeSection>
    </Stack>
  );
}
