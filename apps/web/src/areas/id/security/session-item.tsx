import type { MemberClient } from '@cardcoop/sdk';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../common/format-date';

/** A live session as the API lists it (the SDK does not re-export the contract's type). */
export type Session = Awaited<ReturnType<MemberClient['sessions']['list']>>[number];

/** How a session's device is named: as it signed in, or "unknown device". */
export const deviceLabel = (session: Session, t: TFunction<'id'>) =>
  session.device_name ?? t('security.sessions.unknownDevice');

interface SessionItemProps {
  session: Session;
  onEnd: () => void;
}

/**
 * A signed-in device: its name, when it signed in and was last active, the network it signed in
 * from (masked by the server), and "end".
 */
export function SessionItem({ session, onEnd }: SessionItemProps) {
  const { t } = useTranslation('id');
  const formatDate = useFormatDate();
  const device = deviceLabel(session, t);
  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} miw={0}>
          <Group gap="xs">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {device}
            </Text>
            {session.current && <Badge variant="light">{t('security.sessions.thisDevice')}</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            {t('security.sessions.signedIn', { date: formatDate(session.created_at) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('security.sessions.lastUsed', { date: formatDate(session.last_used_at) })}
          </Text>
          {session.ip_masked && (
            <Text size="sm" c="dimmed">
              {t('security.sessions.place', { ip: session.ip_masked })}
            </Text>
          )}
        </Stack>
        <Button
          variant="default"
          size="sm"
          onClick={onEnd}
          aria-label={t('security.sessions.endNamed', { device })}
        >
          {t('security.sessions.end')}
        </Button>
      </Group>
    </Paper>
  );
}
