import {
  isSecurityNotification,
  isStaffMailedNotification,
  NOTIFICATION_TYPES,
} from '@cardcoop/contracts';
import type { NotificationPreferences, NotificationType } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { Alert, Anchor, Loader, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { errorMessage } from '../../id/common/error-message';
import { useMember } from '../../id/session/require-unlocked';
import { PushControl } from './push-control';

/** The channels the member can choose here, for every device at once. */
const CHANNELS = ['in_app', 'email', 'push'] as const;
type Channel = (typeof CHANNELS)[number];

/** Which switch is saving or failed: `type:channel`, or `digest`. */
type SwitchKey = `${NotificationType}:${Channel}` | 'digest';

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; preferences: NotificationPreferences };

/**
 * `/member/notifications/settings`: type × channel switches, security notices locked on, the
 * daily digest. Each switch saves at once at the revision it was read at; a 409 (saved on
 * another device since) reloads them and says so.
 */
export function SettingsPage() {
  const { t } = useTranslation('member', { keyPrefix: 'notifications' });
  const { t: tId } = useTranslation('id');
  usePageTitle(t('settings.title'));
  const member = useMember();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [saving, setSaving] = useState<SwitchKey>();
  const [failed, setFailed] = useState<{ key: SwitchKey; error: unknown }>();
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    let current = true;
    member.notifications.preferences().then(
      (preferences) => current && setLoaded({ status: 'ready', preferences }),
      (error: unknown) => current && setLoaded({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [member]);

  const save = async (key: SwitchKey, next: NotificationPreferences) => {
    setSaving(key);
    setFailed(undefined);
    setConflict(false);
    try {
      const preferences = await member.notifications.setPreferences(next);
      setLoaded({ status: 'ready', preferences });
    } catch (error) {
      if (error instanceof CardCoopError && error.code === 'CONFLICT') {
        setConflict(true);
        setLoaded({ status: 'ready', preferences: await member.notifications.preferences() });
      } else setFailed({ key, error });
    } finally {
      setSaving(undefined);
    }
  };

  const status = (key: SwitchKey) =>
    saving === key ? (
      <Loader size="xs" aria-label={t('settings.saving')} />
    ) : failed?.key === key ? (
      <Text size="sm" c="red" role="alert">
        {t('settings.saveFailed', { reason: errorMessage(failed.error, tId) })}
      </Text>
    ) : null;

  return (
    <Stack maw={900} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('settings.title')}</Title>
        <Text>{t('settings.lead')}</Text>
        <Anchor component={Link} to="/member/notifications">
          {t('settings.back')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('settings.locked')}
        </Text>
      </Stack>
      <PushControl />
      {conflict && (
        <Alert color="yellow" role="alert">
          {t('settings.conflict')}
        </Alert>
      )}
      {loaded.status === 'loading' && <Skeleton height={300} />}
      {loaded.status === 'failed' && (
        <Alert color="red" role="alert" title={t('settings.loadFailed')}>
          {errorMessage(loaded.error, tId)}
        </Alert>
      )}
      {loaded.status === 'ready' && (
        <>
          <Stack gap={4}>
            <Switch
              label={t('settings.digest')}
              description={t('settings.digestHint')}
              checked={loaded.preferences.daily_digest}
              disabled={saving !== undefined}
              onChange={(event) =>
                void save('digest', {
                  ...loaded.preferences,
                  daily_digest: event.currentTarget.checked,
                })
              }
            />
            {status('digest')}
          </Stack>
          <Table.ScrollContainer minWidth={320}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('settings.type')}</Table.Th>
                  {CHANNELS.map((channel) => (
                    <Table.Th key={channel} scope="col">
                      {t(`settings.${channel}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {NOTIFICATION_TYPES.map((type) => {
                  const locked = isSecurityNotification(type);
                  // Its e-mail is the module's own (an application, a webhook): always sent.
                  const mailedAlways = isStaffMailedNotification(type);
                  const name = t(`types.${type}`);
                  return (
                    <Table.Tr key={type}>
                      <Table.Th scope="row" fw="normal">
                        {name}
                        {locked && (
                          <Text size="xs" c="dimmed">
                            {t('settings.lockedShort')}
                          </Text>
                        )}
                        {mailedAlways && (
                          <Text size="xs" c="dimmed">
                            {t('settings.mailedAlways')}
                          </Text>
                        )}
                      </Table.Th>
                      {CHANNELS.map((channel) => {
                        const key: SwitchKey = `${type}:${channel}`;
                        const switches = loaded.preferences.channels[type];
                        const fixed = locked || (mailedAlways && channel === 'email');
                        return (
                          <Table.Td key={channel}>
                            <Switch
                              aria-label={t('settings.switchLabel', {
                                type: name,
                                channel: t(`settings.${channel}`),
                              })}
                              checked={fixed || switches[channel]}
                              disabled={fixed || saving !== undefined}
                              onChange={(event) =>
                                void save(key, {
                                  ...loaded.preferences,
                                  channels: {
                                    ...loaded.preferences.channels,
                                    [type]: { ...switches, [channel]: event.currentTarget.checked },
                                  },
                                })
                              }
                            />
                            {status(key)}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
