import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { TopUpResult, VirtualCard } from '@cardcoop/contracts';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useMember } from '../../id/session/require-unlocked';
import { formatMoney } from '../contributions/money';
import { toMinor } from '../../../lib/minor-units';
import { useReasonText } from './labels';

/** How often a pending top-up is asked about. */
const POLL_MS = 2_000;

/**
 * Tops the card up: the amount typed in major units of the card's currency, sent as minor
 * units with one Idempotency-Key per attempt (kept for a retry after a lost answer). A pending
 * top-up is followed (GET operations/:id) until it is confirmed or failed.
 */
export function TopUpForm({ card, onSettled }: { card: VirtualCard; onSettled: () => void }) {
  const { t, i18n } = useTranslation('member', { keyPrefix: 'virtualCards.topUp' });
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const reason = useReasonText();
  const currency = card.balance.currency;
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TopUpResult>();
  const key = useRef<string | undefined>(undefined);

  // Follow a pending top-up until the provider settles it.
  const pendingId = result?.status === 'pending' ? result.operation_id : undefined;
  useEffect(() => {
    if (!pendingId) return;
    let current = true;
    const timer = setInterval(() => {
      member.virtualCards.operation(pendingId).then(
        (now) => {
          if (!current || now.status === 'pending') return;
          setResult(now);
          onSettled();
        },
        () => undefined, // asked again at the next tick
      );
    }, POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [member, pendingId, onSettled]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = toMinor(amount, currency);
    if (minor === undefined) {
      setAmountError(t('amountInvalid'));
      return;
    }
    setAmountError(undefined);
    setError(undefined);
    setResult(undefined);
    setBusy(true);
    key.current ??= crypto.randomUUID();
    try {
      const answer = await member.virtualCards.topUp(
        { cardId: card.card_id, amount: { amount: minor, currency } },
        { idempotencyKey: key.current },
      );
      key.current = undefined;
      setResult(answer);
      if (answer.status === 'confirmed') setAmount('');
      onSettled();
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };

  const money = (value: TopUpResult['amount']) => formatMoney(value, i18n.language);
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('title')}>
      <Stack gap="sm" maw={420}>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t('amount', { currency })}
            value={amount}
            onChange={(event) => {
              setAmount(event.currentTarget.value);
              key.current = undefined;
            }}
            error={amountError}
            inputMode="decimal"
            autoComplete="off"
            required
            w={200}
          />
        </Group>
        <ProgressNote
          text={busy ? t('progress') : result?.status === 'pending' ? t('pending') : undefined}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {result?.status === 'confirmed' && (
          <Alert color="teal" role="status">
            {t('confirmed', { amount: money(result.amount), fee: money(result.fee) })}
          </Alert>
        )}
        {result?.status === 'failed' && (
          <Alert color="red" role="alert">
            {t('failed', {
              amount: money(result.amount),
              reason: reason(result.failure ?? 'provider_refused'),
            })}
          </Alert>
        )}
        {result?.status === 'pending' && (
          <Text size="sm">{t('fee', { fee: money(result.fee) })}</Text>
        )}
        <Button type="submit" loading={busy} disabled={card.status === 'closed'} w="fit-content">
          {t('submit')}
        </Button>
      </Stack>
    </form>
  );
}
