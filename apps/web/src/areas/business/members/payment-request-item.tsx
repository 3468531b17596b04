import type { PaymentRequest } from '@cardcoop/contracts';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { Tag } from '../stats/tag';
import { AskModal } from './ask-modal';
import { formatMoney } from './format';
import { usePaymentRequestChange } from './use-published';

const STATUS_COLORS = { requested: 'indigo.9', paid: 'teal.9', cancelled: 'gray.8' };

/**
 * One payment request: amount, member, fund, due date and status; for a request still to be
 * paid, managers confirm the payment arrived or cancel it (each asks first).
 */
export function PaymentRequestItem({
  coopname,
  request,
  canChange,
}: {
  coopname: string;
  request: PaymentRequest;
  canChange: boolean;
}) {
  const { t, i18n } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const change = usePaymentRequestChange(coopname);
  const [asking, setAsking] = useState<'confirm' | 'cancel' | null>(null);
  const amount = formatMoney(request.amount.amount, request.amount.currency, i18n.language);
  const run = () =>
    change.mutate(
      {
        externalId: request.external_id,
        ...(asking === 'confirm'
          ? {
              payment: {
                payment_id: `manual-${crypto.randomUUID()}`,
                paid_at: new Date().toISOString(),
                amount: { amount: request.amount.amount, currency: 'RUB' },
              },
            }
          : {}),
      },
      { onSettled: () => setAsking(null) },
    );
  const id = `request-${request.external_id}`;
  const vars = { amount, username: request.username };
  return (
    <Paper component="li" withBorder p="sm" aria-labelledby={id} data-testid="payment-request">
      <Stack gap={4}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text fw={700} id={id}>
            {t('members.published.requestOf', vars)}
          </Text>
          <Tag color={STATUS_COLORS[request.status]}>
            {t(`members.published.requestStatus.${request.status}`)}
          </Tag>
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {[
            t(`members.payment.kinds.${request.kind}`),
            t('members.published.due', { date: request.due_date.split('-').reverse().join('.') }),
            request.purpose,
          ].join(' · ')}
        </Text>
        {canChange && request.status === 'requested' && (
          <Group gap="xs">
            <Button
              size="compact-sm"
              onClick={() => setAsking('confirm')}
              loading={change.isPending}
              aria-label={t('members.published.confirmPaymentOf', vars)}
            >
              {t('members.published.confirmPayment')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              color="red"
              onClick={() => setAsking('cancel')}
              loading={change.isPending}
              aria-label={t('members.published.cancelRequestOf', vars)}
            >
              {t('members.published.cancelRequest')}
            </Button>
          </Group>
        )}
        {change.isError && (
          <Text size="sm" c="red.8" role="alert">
            {serverError(change.error, tId)}
          </Text>
        )}
      </Stack>
      <AskModal
        opened={asking !== null}
        title={
          asking === 'confirm'
            ? t('members.published.confirmPaymentTitle')
            : t('members.published.cancelRequestTitle')
        }
        text={
          asking === 'confirm'
            ? t('members.published.confirmPaymentText', vars)
            : t('members.published.cancelRequestText', vars)
        }
        action={
          asking === 'confirm'
            ? t('members.published.confirmPayment')
            : t('members.published.cancelRequest')
        }
        busy={change.isPending}
        onClose={() => setAsking(null)}
        onConfirm={run}
      />
    </Paper>
  );
}
