import type { Notification } from '@cardcoop/contracts';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDate } from '../../id/common/format-date';
import { useNoticeText } from './notification-text';

/** One notice: its sentence (a link to where it belongs), when, and whether it is unread. */
export function NoticeItem({ notice, action }: { notice: Notification; action?: ReactNode }) {
  const { t } = useTranslation('member', { keyPrefix: 'notifications' });
  const formatDate = useFormatDate();
  const { text, to } = useNoticeText()(notice);
  const unread = notice.read_at === null;
  return (
    <Stack component="li" gap={4}>
      <Text fw={unread ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
        {to ? (
          <Anchor component={Link} to={to} inherit>
            {text}
          </Anchor>
        ) : (
          text
        )}
      </Text>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" c="dimmed" component="time" dateTime={notice.created_at}>
          {formatDate(notice.created_at)}
        </Text>
        {unread && (
          <Badge size="sm" variant="light">
            {t('unread')}
          </Badge>
        )}
        {action}
      </Group>
    </Stack>
  );
}
