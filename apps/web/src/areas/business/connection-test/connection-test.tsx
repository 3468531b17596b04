import type { ConnectionCheck, ConnectionTest as ConnectionTestResult } from '@cardcoop/contracts';
import { Alert, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { serverError } from '../../../components/server-error';
import { useCoop } from '../coop-context';
import { canChange } from '../coop-sections';
import { useBusinessClient } from '../stats/business-client';

const LOOK = {
  passed: { color: 'teal.9', mark: '✓' },
  failed: { color: 'red.9', mark: '✕' },
  warning: { color: 'yellow.9', mark: '!' },
  pending: { color: 'gray.7', mark: '…' },
  skipped: { color: 'gray.7', mark: '–' },
} as const;

/** The reasons this screen knows how to say; any other code is shown as it came. */
const REASONS = new Set([
  'none_registered',
  'redirect_mode_only',
  'none_requested',
  'not_set',
  'not_trusted',
  'unreachable',
  'server_error',
  'private_address',
  'test_mode_localhost_only',
  'no_exchange_since_secret',
  'no_read_yet',
  'suspended',
  'chain',
  'admin',
  'earlier_step_failed',
  'no_entry_url',
  'not_a_redirect',
  'wrong_target',
  'wrong_coopname',
  'redirect_uri_not_registered',
  'pkce_missing',
  'state_missing',
  'not_exchanged',
  'not_read',
]);

/** Where a failed check is fixed: the integration settings, or the help with the snippets. */
const FIX_IN: Partial<Record<ConnectionCheck['check'], 'integration' | 'help'>> = {
  redirect_uris: 'integration',
  origins: 'integration',
  requested_fields: 'integration',
  data_key: 'integration',
  redirect_uris_reachable: 'integration',
  start_page: 'integration',
  ticket_exchanged: 'help',
  data_read: 'help',
  callback_answered: 'help',
};

/** A reason in words: a known code translated, the callback's HTTP status, or the code itself. */
function reasonText(reason: string | null, t: TFunction<'business'>): string | null {
  if (!reason) return null;
  if (REASONS.has(reason)) {
    return t(`connectionTest.reasons.${reason}` as 'connectionTest.reasons.not_set');
  }
  const status = /^status_(\d{3})$/.exec(reason);
  return status ? t('connectionTest.reasons.status', { code: status[1] }) : reason;
}

/**
 * "Проверить подключение" (owner and admin): runs every check of the integration on the server
 * and lists them with their outcome, reason and target; the first failed one is marked, with
 * what to do and a link to where it is fixed. Nothing for a viewer.
 */
export function ConnectionTest() {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const coop = useCoop();
  const business = useBusinessClient();
  const run = useMutation({ mutationFn: () => business.connectionTest.run(coop.coopname) });
  if (!canChange(coop.role)) return null;
  return (
    <Paper
      component="section"
      aria-labelledby="connection-test"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="connection-test">
          {t('connectionTest.title')}
        </Title>
        <Text size="sm">{t('connectionTest.lead')}</Text>
        <Group gap="sm">
          <Button onClick={() => run.mutate()} loading={run.isPending}>
            {t('connectionTest.run')}
          </Button>
          <Text size="sm" role="status" aria-live="polite">
            {run.isPending
              ? t('connectionTest.running')
              : run.isSuccess
                ? t(run.data.ok ? 'connectionTest.ok' : 'connectionTest.failed')
                : ''}
          </Text>
        </Group>
        {run.isError && (
          <Text size="sm" c="red.8" role="alert">
            {serverError(run.error, tId)}
          </Text>
        )}
        {run.isSuccess && <Checks result={run.data} base={`/business/${coop.coopname}`} />}
      </Stack>
    </Paper>
  );
}

function Checks({ result, base }: { result: ConnectionTestResult; base: string }) {
  const { t } = useTranslation('business');
  const firstFailed = result.checks.find((check) => check.status === 'failed');
  return (
    <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
      {result.checks.map((check) => {
        const look = LOOK[check.status];
        const first = check === firstFailed;
        const fixIn = FIX_IN[check.check];
        const reason = reasonText(check.reason, t);
        const row = (
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon color={look.color} radius="xl" size="sm" aria-hidden="true">
              {look.mark}
            </ThemeIcon>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {t(`connectionTest.checks.${check.check}`)} —{' '}
                {t(`connectionTest.status.${check.status}`)}
              </Text>
              {reason && <Text size="sm">{reason}</Text>}
              {check.target && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {check.target}
                </Text>
              )}
            </Stack>
          </Group>
        );
        return (
          <li key={check.check} data-testid={`check-${check.check}`} data-status={check.status}>
            {first ? (
              <Alert color="red" variant="light" p="sm" title={t('connectionTest.firstFailed')}>
                <Stack gap="xs">
                  {row}
                  <Text size="sm">{t(`connectionTest.fix.${check.check}`)}</Text>
                  {fixIn && <Link to={`${base}/${fixIn}`}>{t(`nav.${fixIn}`)}</Link>}
                </Stack>
              </Alert>
            ) : (
              row
            )}
          </li>
        );
      })}
    </Stack>
  );
}
