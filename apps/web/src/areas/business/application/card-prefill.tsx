import type { CardData } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMember } from '../../id/session/require-unlocked';
import type { FormValues } from './form-fields';

/** The form's fields an organization's card fills (decrypted in this tab, never sent as is). */
function fromCard(card: CardData): Partial<FormValues> | undefined {
  if (card.kind !== 'organization') return undefined;
  const { represented_by: chairman, details, bank_account: bank } = card;
  return {
    full_name: card.full_name,
    short_name: card.short_name,
    inn: details.inn,
    ogrn: details.ogrn,
    kpp: details.kpp,
    legal_address: card.full_address,
    actual_address: card.fact_address,
    chairman_last_name: chairman.last_name,
    chairman_first_name: chairman.first_name,
    chairman_middle_name: chairman.middle_name ?? '',
    phone: card.phone,
    email: card.email,
    ...(bank
      ? {
          bank_name: bank.bank_name,
          bik: bank.details.bik,
          settlement_account: bank.account_number,
        }
      : {}),
  };
}

/** Fills the empty fields from the member's own card when it is an organization's card. */
export function CardPrefill({ onFill }: { onFill: (values: Partial<FormValues>) => void }) {
  const { t } = useTranslation('business');
  const member = useMember();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<
    | 'application.prefill.done'
    | 'application.prefill.notOrganization'
    | 'application.prefill.failed'
  >();
  const fill = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      const values = fromCard((await member.card.get()).data);
      if (values) onFill(values);
      setNote(values ? 'application.prefill.done' : 'application.prefill.notOrganization');
    } catch (error) {
      const none = error instanceof CardCoopError && error.code === 'NOT_FOUND';
      setNote(none ? 'application.prefill.notOrganization' : 'application.prefill.failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="sm">
      <Button variant="default" onClick={() => void fill()} loading={busy}>
        {t('application.prefill.button')}
      </Button>
      <Text size="sm" role="status">
        {note ? t(note) : ''}
      </Text>
    </Group>
  );
}
