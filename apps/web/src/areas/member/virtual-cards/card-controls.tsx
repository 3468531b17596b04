import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { CardLimits, VirtualCard } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useMember } from '../../id/session/require-unlocked';
import { toMajorText, toMinor } from '../../../lib/minor-units';

/** Freeze or unfreeze, after a confirmation that says what it does. */
export function FreezeControl({
  card,
  onChanged,
}: {
  card: VirtualCard;
  onChanged: (card: VirtualCard) => void;
}) {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards.freeze' });
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const freezing = card.status === 'active';
  if (card.status === 'closed') return null;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const changed = await (freezing
        ? member.virtualCards.freeze(card.card_id)
        : member.virtualCards.unfreeze(card.card_id));
      setDone(freezing ? t('frozen') : t('unfrozen'));
      setAsking(false);
      onChanged(changed);
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" align="flex-start">
      <Button
        variant={freezing ? 'outline' : 'filled'}
        onClick={() => {
          setDone(undefined);
          setError(undefined);
          setAsking(true);
        }}
      >
        {freezing ? t('freeze') : t('unfreeze')}
      </Button>
      {done && (
        <Text size="sm" role="status">
          {done}
        </Text>
      )}
      <Modal
        opened={asking}
        onClose={() => !busy && setAsking(false)}
        title={freezing ? t('freeze') : t('unfreeze')}
        closeButtonProps={{ 'aria-label': t('cancel') }}
        centered
      >
        <Stack>
          <Text size="sm">
            {freezing
              ? t('confirmFreeze', { last4: card.last4 })
              : t('confirmUnfreeze', { last4: card.last4 })}
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setAsking(false)} disabled={busy}>
              {t('cancel')}
            </Button>
            <Button onClick={() => void confirm()} loading={busy}>
              {t('confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

const KINDS = ['per_transaction', 'daily', 'monthly'] as const;
type Kind = (typeof KINDS)[number];

/**
 * The card's limits (empty: none), saved against the revision read; a CONFLICT reloads the
 * card and says so.
 */
export function LimitsForm({
  card,
  onSaved,
  reload,
}: {
  card: VirtualCard;
  onSaved: (card: VirtualCard) => void;
  reload: () => Promise<VirtualCard>;
}) {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards.limits' });
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const currency = card.balance.currency;
  const initial = (limits: CardLimits) =>
    Object.fromEntries(
      KINDS.map((kind) => [kind, limits[kind] === null ? '' : toMajorText(limits[kind], currency)]),
    ) as Record<Kind, string>;
  const [values, setValues] = useState(() => initial(card.limits));
  const [errors, setErrors] = useState<Partial<Record<Kind, string>>>({});
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'saved' | 'conflict' | 'error'; text: string }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const limits = {} as CardLimits;
    const invalid: Partial<Record<Kind, string>> = {};
    for (const kind of KINDS) {
      const text = values[kind].trim();
      const minor = text === '' ? null : toMinor(text, currency);
      if (minor === undefined) invalid[kind] = t('invalid');
      else limits[kind] = minor;
    }
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    setNote(undefined);
    try {
      const saved = await member.virtualCards.setLimits(card.card_id, limits, card.revision);
      onSaved(saved);
      setValues(initial(saved.limits));
      setNote({ kind: 'saved', text: t('saved') });
    } catch (failure) {
      if (failure instanceof CardCoopError && failure.code === 'CONFLICT') {
        const fresh = await reload().catch(() => undefined);
        if (fresh) setValues(initial(fresh.limits));
        setNote({ kind: 'conflict', text: t('conflict') });
      } else setNote({ kind: 'error', text: serverError(failure, tId) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('title')}>
      <Stack gap="sm">
        <Text size="sm">{t('hint', { currency })}</Text>
        <Group gap="sm" align="flex-start" wrap="wrap">
          {KINDS.map((kind) => (
            <TextInput
              key={kind}
              label={t(kind)}
              value={values[kind]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setValues((previous) => ({ ...previous, [kind]: value }));
              }}
              placeholder={t('none')}
              error={errors[kind]}
              inputMode="decimal"
              autoComplete="off"
              w={160}
            />
          ))}
        </Group>
        <ProgressNote text={busy ? t('saving') : undefined} />
        {note && (
          <Alert
            color={note.kind === 'saved' ? 'teal' : note.kind === 'conflict' ? 'yellow' : 'red'}
            role={note.kind === 'saved' ? 'status' : 'alert'}
          >
            {note.text}
          </Alert>
        )}
        <Button type="submit" loading={busy} w="fit-content" disabled={card.status === 'closed'}>
          {t('save')}
        </Button>
      </Stack>
    </form>
  );
}
