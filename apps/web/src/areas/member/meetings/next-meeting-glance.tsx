import type { Dashboard } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { HomeSection } from '../home-section';
import { queryState } from '../section-state';
import { useDashboard } from '../use-dashboard';
import { MeetingLines } from './meeting-line';

const nextMeetingOf = (dashboard: Dashboard) => dashboard.next_meeting;

/** The home's "Next meeting": shown only when there is an upcoming meeting not cancelled. */
export function NextMeetingGlance() {
  const { t } = useTranslation('member');
  const state = queryState(useDashboard(nextMeetingOf));
  if (state.status === 'loading' || (state.status === 'ready' && !state.value)) return null;
  return (
    <HomeSection
      id="home-next-meeting"
      title={t('meetings.home.title')}
      failed={t('meetings.loadFailed')}
      lines={3}
      more={{ to: '/member/meetings', label: t('meetings.home.all') }}
      state={state}
    >
      {(meeting) => meeting && <MeetingLines meetings={[meeting]} />}
    </HomeSection>
  );
}
