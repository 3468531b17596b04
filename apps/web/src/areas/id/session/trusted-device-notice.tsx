import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore } from './session-store';
import { useSession } from './use-session';

/**
 * "This browser keeps the card's key", with "Forget this device" (see trusted-device.ts). Shows
 * nothing on a device that is not trusted; after forgetting, says so in a status message.
 */
export function TrustedDeviceNotice() {
  const { t } = useTranslation('id');
  const state = useSession();
  const [busy, setBusy] = useState(false);
  const [forgotten, setForgotten] = useState(false);

  const forget = async () => {
    setBusy(true);
    try {
      await sessionStore.forgetDevice();
      setForgotten(true);
    } finally {
      setBusy(false);
    }
  };

  const trusted = state.status === 'unlocked' && state.trusted;
  return (
    <div role="status">
      {trusted && (
        <Alert variant="light" color="blue" title={t('auth.device.title')}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('auth.device.text')}</Text>
            <Button variant="default" size="sm" loading={busy} onClick={() => void forget()}>
              {t('auth.device.forget')}
            </Button>
          </Stack>
        </Alert>
      )}
      {!trusted && forgotten && <Text size="sm">{t('auth.device.forgotten')}</Text>}
    </div>
  );
}
