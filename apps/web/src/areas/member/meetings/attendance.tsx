import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { AttendanceAnswer, Meeting } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../id/common/error-message';
import { useMember } from '../../id/session/require-unlocked';
import { useMeetingTime } from './meeting-time';

/** The buttons' order: going, maybe, not going. */
const ANSWERS = ['going', 'maybe', 'not_going'] as const satisfies readonly AttendanceAnswer[];

type Saving = { status: 'idle' | 'saving' | 'saved' } | { status: 'failed'; error: unknown };

/**
 * Why answers are closed: cancelled, or (the deadline is never after the start) past the
 * registration deadline when there is one, past the start otherwise.
 */
function useClosedReason(meeting: Meeting): string {
  const { t } = useTranslation('member');
  const { date } = useMeetingTime();
  if (meeting.cancelled_at) return t('meetings.attendance.closedCancelled');
  const deadline = meeting.registration_deadline;
  if (deadline) return t('meetings.attendance.closedDeadline', { date: date(deadline) });
  return t('meetings.attendance.closedStarted');
}

/**
 * Going / maybe / not going, the current answer pressed. Closed (with the reason) when the
 * server says so; a refusal by the server (the deadline passed while the page was open) shows
 * next to the buttons and reloads the meeting.
 */
export function Attendance({
  meeting,
  onChange,
  onClosed,
}: {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
  onClosed: () => void;
}) {
  const { t } = useTranslation('member');
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });
  const closedReason = useClosedReason(meeting);

  const answer = async (value: AttendanceAnswer) => {
    setSaving({ status: 'saving' });
    try {
      onChange(await member.meetings.setAttendance(meeting.id, value));
      setSaving({ status: 'saved' });
    } catch (error) {
      setSaving({ status: 'failed', error });
      if (error instanceof CardCoopError && error.code === 'ATTENDANCE_CLOSED') onClosed();
    }
  };
  const refused =
    saving.status === 'failed' &&
    saving.error instanceof CardCoopError &&
    saving.error.code === 'ATTENDANCE_CLOSED';

  return (
    <Stack component="section" gap="sm" aria-labelledby="attendance-title">
      <Title order={2} size="h4" id="attendance-title">
        {t('meetings.attendance.title')}
      </Title>
      <Text>
        {meeting.my_attendance
          ? t('meetings.attendance.current', {
              answer: t(`meetings.attendance.${meeting.my_attendance}`),
            })
          : t('meetings.attendance.none')}
      </Text>
      <Group gap="sm" role="group" aria-labelledby="attendance-title">
        {ANSWERS.map((value) => (
          <Button
            key={value}
            variant={meeting.my_attendance === value ? 'filled' : 'default'}
            aria-pressed={meeting.my_attendance === value}
            disabled={!meeting.attendance_open || saving.status === 'saving'}
            onClick={() => void answer(value)}
          >
            {t(`meetings.attendance.${value}`)}
          </Button>
        ))}
      </Group>
      <div role="status">
        {saving.status === 'saving' && <Text size="sm">{t('meetings.attendance.saving')}</Text>}
        {saving.status === 'saved' && <Text size="sm">{t('meetings.attendance.saved')}</Text>}
        {!meeting.attendance_open && !refused && <Text size="sm">{closedReason}</Text>}
      </div>
      {saving.status === 'failed' && (
        <Alert color="red" role="alert">
          {refused
            ? `${t('meetings.attendance.refused')} ${closedReason}`
            : errorMessage(saving.error, tId)}
        </Alert>
      )}
    </Stack>
  );
}
