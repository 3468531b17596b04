import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../id/common/error-message';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { MeetingLines } from './meeting-line';
import { useMeetingPages } from './use-meeting-pages';

/** Upcoming (soonest first) or past (latest first) meetings, with "Show more" for the rest. */
export function MeetingsSection({ when }: { when: 'upcoming' | 'past' }) {
  const { t } = useTranslation('member');
  const { t: tId } = useTranslation('id');
  const { state, reload, more, loadMore } = useMeetingPages(when);
  return (
    <HomeSection
      id={`meetings-${when}`}
      title={t(`meetings.${when}.title`)}
      failed={t('meetings.loadFailed')}
      lines={3}
      state={sectionState(state, reload)}
    >
      {({ meetings, next }) => (
        <Stack gap="sm" align="flex-start">
          {meetings.length === 0 ? (
            <Text c="dimmed">{t(`meetings.${when}.none`)}</Text>
          ) : (
            <MeetingLines meetings={meetings} />
          )}
          {more.status === 'failed' && (
            <Alert color="red" role="alert" w="100%">
              {errorMessage(more.error, tId)}
            </Alert>
          )}
          {next && (
            <Button
              variant="default"
              loading={more.status === 'loading'}
              onClick={() => void loadMore()}
            >
              {t('meetings.more')}
            </Button>
          )}
        </Stack>
      )}
    </HomeSection>
  );
}
