import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Cooperative } from '@cardcoop/contracts';
import type { MemberClient } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardErrorMessage } from './card-error';

interface OpenAccountProps {
  member: MemberClient;
  /** Cooperatives where the member has no account yet. */
  cooperatives: Cooperative[];
  /** Called after an attempt that changed what the lists show (opened, or already there). */
  onChanged: (opened?: Cooperative) => void;
}

/** Opens an account in a cooperative: the username and K1 key pair are made on this device. */
export function OpenAccount({ member, cooperatives, onChanged }: OpenAccountProps) {
  const { t } = useTranslation('id');
  const [busy, setBusy] = useState<Cooperative>();
  const [failure, setFailure] = useState<string>();

  const open = async (cooperative: Cooperative) => {
    setBusy(cooperative);
    setFailure(undefined);
    try {
      await member.card.createAccount(cooperative.coopname);
      onChanged(cooperative);
    } catch (error) {
      setFailure(cardErrorMessage(error, t));
      onChanged();
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="open-account-title">
      <Title order={2} size="h3" id="open-account-title">
        {t('card.accounts.open.title')}
      </Title>
      <Text>{t('card.accounts.open.text')}</Text>
      {busy && (
        <Alert role="status" variant="light">
          {t('card.accounts.open.progress', { name: busy.display_name })}
        </Alert>
      )}
      {failure && (
        <Alert role="alert" color="red" title={t('common.errors.title')}>
          {failure}
        </Alert>
      )}
      {cooperatives.length === 0 ? (
        <Text c="dimmed">{t('card.accounts.open.none')}</Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {cooperatives.map((cooperative) => (
            <Paper key={cooperative.coopname} withBorder p="sm" component="li">
              <Group justify="space-between" gap="xs">
                <Stack gap={0}>
                  <Text fw={600}>{cooperative.display_name}</Text>
                  <Text size="sm" c="dimmed">
                    {cooperative.coopname}
                  </Text>
                </Stack>
                <Button
                  onClick={() => void open(cooperative)}
                  loading={busy?.coopname === cooperative.coopname}
                  disabled={busy !== undefined && busy.coopname !== cooperative.coopname}
                  aria-label={t('card.accounts.open.buttonLabel', {
                    name: cooperative.display_name,
                  })}
                >
                  {t('card.accounts.open.button')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
