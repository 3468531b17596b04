import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { Meeting } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeetingTime } from './meeting-time';

/** One meeting in a list: its title (a link to the details), cooperative, time and kind. */
export function MeetingLine({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('member');
  const { when } = useMeetingTime();
  return (
    <Stack component="li" gap={2}>
      <Group gap="xs" wrap="wrap">
        <Anchor
          component={Link}
          to={`/member/meetings/${meeting.id}`}
          fw={600}
          style={{ overflowWrap: 'anywhere' }}
          td={meeting.cancelled_at ? 'line-through' : undefined}
        >
          {meeting.title}
        </Anchor>
        <Badge variant="light" color="gray">
          {t(`meetings.kind.${meeting.kind}`)}
        </Badge>
        {meeting.cancelled_at && <Badge color="red">{t('meetings.cancelled')}</Badge>}
      </Group>
      <Text size="sm">{meeting.display_name}</Text>
      <Text size="sm" c="dimmed">
        <time dateTime={meeting.starts_at}>{when(meeting)}</time>
      </Text>
    </Stack>
  );
}

const LIST = { listStyle: 'none' } as const;

/** Meetings as a list of {@link MeetingLine}s. */
export function MeetingLines({ meetings }: { meetings: Meeting[] }) {
  return (
    <Stack component="ul" gap="md" p={0} m={0} style={LIST}>
      {meetings.map((meeting) => (
        <MeetingLine key={meeting.id} meeting={meeting} />
      ))}
    </Stack>
  );
}
