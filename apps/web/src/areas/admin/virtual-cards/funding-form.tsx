import { antelopeNameSchema } from '@cardcoop/contracts';
import type { FundingResult } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import {
  Autocomplete,
  Button,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { StepUpCancelled } from '../../../components/step-up';
import type { Guard } from '../../../components/step-up';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { formatMoney, toMinor } from '../../../lib/minor-units';
import { usePlatform } from '../use-platform';
import { MASTER_KEY } from './keys';

type Mode = 'fund' | 'allocate';
type Field = 'amount' | 'coopname' | 'reference';
/** A message key of the form, said in the language on screen, or the server's own text. */
type Said = { key: 'amount' | 'coopname' | 'reference' | 'notFound' } | { text: string };

/**
 * "Зачислить" (money put on the master account, for a cooperative or unallocated, with the
 * payment's reference) or "Распределить" (unallocated money to a cooperative). After the
 * step-up dialog the same request goes again; one Idempotency-Key per submission, kept for a
 * retry of the same form and dropped once it succeeded or the form changed.
 */
export function FundingForm({
  mode,
  currency,
  coopnames,
  guard,
}: {
  mode: Mode;
  currency: string;
  coopnames: string[];
  guard: Guard;
}) {
  const { t, i18n } = useTranslation('admin');
  const { t: tId } = useTranslation('id');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const [amount, setAmount] = useState('');
  const [toCoop, setToCoop] = useState(true);
  const [coopname, setCoopname] = useState('');
  const [reference, setReference] = useState('');
  const [problems, setProblems] = useState<Partial<Record<Field, Said>>>({});
  const say = (said?: Said) =>
    said === undefined
      ? undefined
      : 'key' in said
        ? t(`virtualCards.errors.${said.key}`)
        : said.text;
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState<FundingResult>();
  const [busy, setBusy] = useState(false);
  const key = useRef<string>(undefined);
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      // Another request now: a new key when it is sent.
      key.current = undefined;
      setDone(undefined);
    };
  const id = `vc-${mode}`;
  const money = (minor: number, of: string) => formatMoney(minor, of, i18n.language);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, Said>> = {};
    const minor = toMinor(amount, currency);
    if (minor === undefined) found.amount = { key: 'amount' };
    const target = mode === 'allocate' || toCoop ? coopname.trim() : null;
    if (target !== null && !antelopeNameSchema.safeParse(target).success)
      found.coopname = { key: 'coopname' };
    if (mode === 'fund' && (!reference.trim() || reference.trim().length > 200))
      found.reference = { key: 'reference' };
    setProblems(found);
    setFormError(undefined);
    setDone(undefined);
    if (Object.keys(found).length > 0 || minor === undefined) return;
    key.current ??= crypto.randomUUID();
    const options = { idempotencyKey: key.current };
    const value = { amount: minor, currency };
    setBusy(true);
    try {
      const result: FundingResult = await guard(() =>
        mode === 'fund'
          ? platform.virtualCards.fund(
              { coopname: target, amount: value, reference: reference.trim() },
              options,
            )
          : platform.virtualCards.allocate({ coopname: target!, amount: value }, options),
      );
      key.current = undefined;
      setDone(result);
      setAmount('');
      setReference('');
      await queries.invalidateQueries({ queryKey: MASTER_KEY });
    } catch (failure) {
      if (failure instanceof StepUpCancelled) return;
      const said = serverError(failure, tId);
      if (failure instanceof CardCoopError && failure.code === 'INSUFFICIENT_FUNDS')
        setProblems({ amount: { text: said } });
      else if (failure instanceof CardCoopError && failure.code === 'NOT_FOUND')
        setProblems({ coopname: { key: 'notFound' } });
      else setFormError(said);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper component="section" aria-labelledby={id} withBorder p={{ base: 'sm', sm: 'md' }}>
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={id}>
        <Stack gap="sm">
          <Title order={2} size="h4" id={id}>
            {t(`virtualCards.${mode}.title`)}
          </Title>
          <Text size="sm">{t(`virtualCards.${mode}.lead`)}</Text>
          <TextInput
            label={t('virtualCards.fund.amount')}
            value={amount}
            onChange={(event) => edit(setAmount)(event.currentTarget.value)}
            error={say(problems.amount)}
            inputMode="decimal"
            autoComplete="off"
            required
            rightSection={
              <Text size="xs" c="dimmed" aria-hidden="true">
                {currency}
              </Text>
            }
            rightSectionWidth={44}
          />
          {mode === 'fund' && (
            <Radio.Group
              label={t('virtualCards.fund.target')}
              value={toCoop ? 'coop' : 'unallocated'}
              onChange={(value) => edit(setToCoop)(value === 'coop')}
            >
              <Group gap="md" mt={4}>
                <Radio value="coop" label={t('virtualCards.fund.toCoop')} />
                <Radio value="unallocated" label={t('virtualCards.fund.unallocated')} />
              </Group>
            </Radio.Group>
          )}
          {(mode === 'allocate' || toCoop) && (
            <Autocomplete
              label={t('virtualCards.fund.coopname')}
              value={coopname}
              onChange={edit(setCoopname)}
              data={coopnames}
              error={say(problems.coopname)}
              autoComplete="off"
              spellCheck={false}
              maxLength={13}
              required
            />
          )}
          {mode === 'fund' && (
            <TextInput
              label={t('virtualCards.fund.reference')}
              description={t('virtualCards.fund.referenceHint')}
              value={reference}
              onChange={(event) => edit(setReference)(event.currentTarget.value)}
              error={say(problems.reference)}
              maxLength={200}
              autoComplete="off"
              required
            />
          )}
          <FormError message={formError} />
          <ProgressNote text={busy ? t(`virtualCards.${mode}.busy`) : undefined} />
          <Group>
            <Button type="submit" loading={busy}>
              {t(`virtualCards.${mode}.submit`)}
            </Button>
          </Group>
          <div role="status" aria-live="polite">
            {done && (
              <Text size="sm" fw={600} c="teal.9">
                {mode === 'fund'
                  ? t('virtualCards.fund.done', {
                      amount: money(done.amount.amount, done.amount.currency),
                      balance: `${done.coopname ?? t('virtualCards.master.unallocated')} — ${money(
                        done.balance.amount,
                        done.balance.currency,
                      )}`,
                    })
                  : t('virtualCards.allocate.done', {
                      coopname: done.coopname ?? '',
                      amount: money(done.amount.amount, done.amount.currency),
                      balance: money(done.balance.amount, done.balance.currency),
                    })}
              </Text>
            )}
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
