import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../id/common/error-message';
import { useMember } from '../../id/session/require-unlocked';
import { usePushDevice } from './use-push-device';

/**
 * "Push-уведомления на этом устройстве": the state of this browser's push and the one button
 * that changes it. The permission prompt comes only from that button, never on load.
 */
export function PushControl() {
  const { t } = useTranslation('member', { keyPrefix: 'notifications.push' });
  const { t: tId } = useTranslation('id');
  const { state, busy, error, enable, disable } = usePushDevice(useMember());

  return (
    <Stack gap="xs" component="section" aria-labelledby="push-device-title">
      <Title order={2} size="h3" id="push-device-title">
        {t('title')}
      </Title>
      <Text size="sm">{t('lead')}</Text>
      {state === 'checking' ? (
        <Group gap="xs">
          <Loader size="xs" aria-hidden />
          <Text size="sm">{t('checking')}</Text>
        </Group>
      ) : state === 'blocked' || state === 'unsupported' || state === 'unavailable' ? (
        <Alert color="gray" data-push-state={state}>
          {t(state)}
        </Alert>
      ) : (
        <Group gap="sm" data-push-state={state}>
          <Text size="sm" role="status">
            {t(state === 'on' ? 'on' : 'off')}
          </Text>
          {state === 'on' ? (
            <Button variant="default" loading={busy} onClick={() => void disable()}>
              {t('disable')}
            </Button>
          ) : (
            <Button loading={busy} onClick={() => void enable()}>
              {t('enable')}
            </Button>
          )}
        </Group>
      )}
      {state === 'dismissed' && (
        <Text size="sm" c="dimmed">
          {t('dismissed')}
        </Text>
      )}
      {error !== undefined && (
        <Text size="sm" c="red" role="alert">
          {t('failed', { reason: errorMessage(error, tId) })}
        </Text>
      )}
    </Stack>
  );
}
