import type { FundKind } from '@cardcoop/contracts';
import { FUND_KINDS } from '@cardcoop/contracts';
import {
  Button,
  Group,
  MaskInput,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dateFromTyped } from '../../id/card/card-masks';
import { serverError } from '../../../components/server-error';
import { useBusinessClient } from '../stats/business-client';
import { paymentRequestsKey } from './use-published';

/** The messages of this form's mistakes: kept as keys, said in the language on screen. */
type ErrorKey =
  | 'members.payment.usernameInvalid'
  | 'members.payment.amountInvalid'
  | 'members.meeting.required'
  | 'stats.range.errors.invalid';
/**
 * A payment request published by hand (`business.members.issuePaymentRequest`): to whom, which
 * fund, how many roubles, the purpose the bank shows and the due date.
 */
export function PaymentForm({ coopname }: { coopname: string }) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const business = useBusinessClient();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [kind, setKind] = useState<FundKind>('membership_fee');
  const [amount, setAmount] = useState<number | string>('');
  const [purpose, setPurpose] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Record<string, ErrorKey>>({});
  const issue = useMutation({
    mutationFn: (input: Parameters<typeof business.members.issuePaymentRequest>[2]) =>
      business.members.issuePaymentRequest(coopname, `pr-${crypto.randomUUID()}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentRequestsKey(coopname) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dueDate = dateFromTyped(due);
    const kopecks = Math.round(Number(amount) * 100);
    const found: Record<string, ErrorKey> = {};
    if (!/^[a-z1-5.]{1,12}$/.test(username.trim()))
      found.username = 'members.payment.usernameInvalid';
    if (!(kopecks > 0)) found.amount = 'members.payment.amountInvalid';
    if (!purpose.trim()) found.purpose = 'members.meeting.required';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) found.due = 'stats.range.errors.invalid';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    issue.mutate({
      username: username.trim(),
      kind,
      amount: { amount: kopecks, currency: 'RUB' },
      purpose: purpose.trim(),
      due_date: dueDate,
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('members.payment.title')}>
      <Stack gap="sm">
        <TextInput
          label={t('members.payment.username')}
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={errors.username && t(errors.username)}
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <NativeSelect
          label={t('members.payment.kind')}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as FundKind)}
          data={FUND_KINDS.map((value) => ({ value, label: t(`members.payment.kinds.${value}`) }))}
        />
        <Group gap="sm" align="flex-start">
          <NumberInput
            label={t('members.payment.amount')}
            value={amount}
            onChange={setAmount}
            min={0.01}
            decimalScale={2}
            decimalSeparator=","
            thousandSeparator=" "
            error={errors.amount && t(errors.amount)}
            required
            w={{ base: '100%', xs: 180 }}
          />
          <MaskInput
            label={t('members.payment.due')}
            mask="99.99.9999"
            slotChar={null}
            inputMode="numeric"
            placeholder={t('stats.range.placeholder')}
            onChangeRaw={setDue}
            error={errors.due && t(errors.due)}
            required
            w={{ base: '100%', xs: 150 }}
          />
        </Group>
        <TextInput
          label={t('members.payment.purpose')}
          value={purpose}
          onChange={(event) => setPurpose(event.currentTarget.value)}
          error={errors.purpose && t(errors.purpose)}
          maxLength={210}
          required
        />
        <Group gap="sm">
          <Button type="submit" loading={issue.isPending}>
            {t('members.payment.submit')}
          </Button>
          <Text size="sm" role="status" aria-live="polite" c="teal.9">
            {issue.isPending
              ? t('members.payment.issuing')
              : issue.isSuccess
                ? t('members.payment.issued', { username: issue.data.username })
                : ''}
          </Text>
        </Group>
        {issue.isError && (
          <Text size="sm" c="red.8" role="alert">
            {serverError(issue.error, tId)}
          </Text>
        )}
      </Stack>
    </form>
  );
}
