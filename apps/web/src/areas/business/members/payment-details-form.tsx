import type { PaymentDetails } from '@cardcoop/contracts';
import { paymentDetailsSchema } from '@cardcoop/contracts';
import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { serverError } from '../../../components/server-error';
import { usePaymentDetails, useSetPaymentDetails } from './use-published';

const FIELDS = [
  'recipient_name',
  'inn',
  'kpp',
  'personal_acc',
  'bank_name',
  'bic',
  'corresp_acc',
] as const;
type Field = (typeof FIELDS)[number];
const NUMERIC = new Set<Field>(['inn', 'personal_acc', 'bic', 'corresp_acc']);
const EMPTY = Object.fromEntries(FIELDS.map((field) => [field, ''])) as PaymentDetails;

/**
 * The bank details members pay to (`business.members.setPaymentDetails`), filled with the
 * current ones: checked here by the contract's own rules (INN, KPP, BIK and both accounts' keys),
 * each mistake under its field.
 */
export function PaymentDetailsForm({ coopname }: { coopname: string }) {
  const details = usePaymentDetails(coopname);
  return (
    <QueryState query={details} lines={3}>
      {(current) => <DetailsForm coopname={coopname} current={current ?? EMPTY} />}
    </QueryState>
  );
}

function DetailsForm({ coopname, current }: { coopname: string; current: PaymentDetails }) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const [values, setValues] = useState<PaymentDetails>(current);
  const [errors, setErrors] = useState<Partial<Record<Field, true>>>({});
  const save = useSetPaymentDetails(coopname);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = Object.fromEntries(
      FIELDS.map((field) => [field, values[field].trim()]),
    ) as PaymentDetails;
    const parsed = paymentDetailsSchema.safeParse(trimmed);
    const found: Partial<Record<Field, true>> = {};
    if (!parsed.success)
      for (const issue of parsed.error.issues) found[issue.path[0] as Field] = true;
    setErrors(found);
    if (parsed.success) save.mutate(parsed.data);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('members.details.title')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {FIELDS.map((field) => (
            <TextInput
              key={field}
              label={t(`members.details.${field}`)}
              value={values[field]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setValues((before) => ({ ...before, [field]: value }));
              }}
              error={errors[field] && t(`members.details.invalid.${field}`)}
              inputMode={NUMERIC.has(field) ? 'numeric' : undefined}
              autoComplete="off"
              required
            />
          ))}
        </SimpleGrid>
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t('members.details.submit')}
          </Button>
          <Text size="sm" role="status" aria-live="polite" c="teal.9">
            {save.isPending
              ? t('members.details.saving')
              : save.isSuccess
                ? t('members.details.saved')
                : ''}
          </Text>
        </Group>
        {save.isError && (
          <Text size="sm" c="red.8" role="alert">
            {serverError(save.error, tId)}
          </Text>
        )}
      </Stack>
    </form>
  );
}
