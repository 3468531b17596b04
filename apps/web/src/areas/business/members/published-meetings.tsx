import type { CoopMeeting } from '@cardcoop/contracts';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { serverError } from '../../../components/server-error';
import { Tag } from '../stats/tag';
import { AskModal } from './ask-modal';
import { formatDateTime } from './format';
import { MoreButton } from './more-button';
import { useMeetingCancel, usePublishedMeetings } from './use-published';

const STATUS_COLORS = { upcoming: 'teal.9', past: 'gray.8', cancelled: 'red.9' };

const statusOf = (meeting: CoopMeeting, now: number) =>
  meeting.cancelled_at !== null
    ? 'cancelled'
    : Date.parse(meeting.ends_at) <= now
      ? 'past'
      : 'upcoming';

/** The cooperative's meetings (by hand or over the API), latest first; managers cancel. */
export function PublishedMeetings({
  coopname,
  canChange,
}: {
  coopname: string;
  canChange: boolean;
}) {
  const { t } = useTranslation('business');
  const meetings = usePublishedMeetings(coopname);
  const [now] = useState(() => Date.now());
  return (
    <QueryState query={meetings} lines={2}>
      {({ pages }) => {
        const list = pages.flatMap((page) => page.meetings);
        if (list.length === 0) return <Text size="sm">{t('members.published.noMeetings')}</Text>;
        return (
          <Stack gap="xs">
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {list.map((meeting) => (
                <MeetingItem
                  key={meeting.id}
                  coopname={coopname}
                  meeting={meeting}
                  now={now}
                  canChange={canChange}
                />
              ))}
            </Stack>
            <MoreButton query={meetings} />
          </Stack>
        );
      }}
    </QueryState>
  );
}

function MeetingItem({
  coopname,
  meeting,
  now,
  canChange,
}: {
  coopname: string;
  meeting: CoopMeeting;
  now: number;
  canChange: boolean;
}) {
  const { t, i18n } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const cancel = useMeetingCancel(coopname);
  const [asking, setAsking] = useState(false);
  const status = statusOf(meeting, now);
  const id = `meeting-${meeting.id}`;
  return (
    <Paper component="li" withBorder p="sm" aria-labelledby={id} data-testid="published-meeting">
      <Stack gap={4}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text fw={700} id={id} style={{ overflowWrap: 'anywhere' }}>
            {meeting.title}
          </Text>
          <Tag color={STATUS_COLORS[status]}>{t(`members.published.meetingStatus.${status}`)}</Tag>
        </Group>
        <Text size="sm" c="dimmed">
          {formatDateTime(meeting.starts_at, i18n.language)}
          {meeting.place ? ` · ${meeting.place}` : ''}
        </Text>
        {canChange && status === 'upcoming' && (
          <Button
            size="compact-sm"
            variant="default"
            color="red"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setAsking(true)}
            loading={cancel.isPending}
            aria-label={t('members.published.cancelMeetingOf', { title: meeting.title })}
          >
            {t('members.published.cancelMeeting')}
          </Button>
        )}
        {cancel.isError && (
          <Text size="sm" c="red.8" role="alert">
            {serverError(cancel.error, tId)}
          </Text>
        )}
      </Stack>
      <AskModal
        opened={asking}
        title={t('members.published.cancelMeetingTitle')}
        text={t('members.published.cancelMeetingText', { title: meeting.title })}
        action={t('members.published.cancelMeeting')}
        busy={cancel.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => cancel.mutate(meeting.external_id, { onSettled: () => setAsking(false) })}
      />
    </Paper>
  );
}
