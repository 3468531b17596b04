import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { eventDetails, eventTitle, isAlarming } from './audit-event-text';
import type { KnownEventType } from './audit-event-text';
import type { AuditEvent } from '@cardcoop/contracts';
import { useFormatDate } from '../common/format-date';
import { DANGER } from '../common/colors';

interface AuditEventItemProps {
  event: AuditEvent & { type: KnownEventType };
  /** A rule above, between this and the previous event. */
  divided: boolean;
}

const RULE = { borderTop: '1px solid var(--mantine-color-default-border)' };

/** One line of the security log: when, what, and the circumstances. */
export function AuditEventItem({ event, divided }: AuditEventItemProps) {
  const { t } = useTranslation('id');
  const formatDate = useFormatDate();
  return (
    <Stack component="li" gap={2} py="xs" style={divided ? RULE : undefined}>
      <Text size="sm" c="dimmed">
        <time dateTime={event.at}>{formatDate(event.at)}</time>
      </Text>
      <Group gap="xs">
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {eventTitle(event, t)}
        </Text>
        {isAlarming(event) && (
          <Badge color={DANGER} variant="filled">
            {t('security.history.attention')}
          </Badge>
        )}
      </Group>
      {eventDetails(event, t, formatDate).map((detail) => (
        <Text key={detail} size="sm">
          {detail}
        </Text>
      ))}
    </Stack>
  );
}
