import type { Meeting } from '@cardcoop/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { MeetingLines } from './meeting-line';

/** The soonest upcoming meetings the home looks through for one not cancelled. */
const LOOKAHEAD = 10;

/** The home's "Next meeting": shown only when there is an upcoming meeting not cancelled. */
export function NextMeetingGlance() {
  const { t } = useTranslation('member');
  const member = useMember();
  const load = useCallback(
    async (): Promise<Meeting | undefined> =>
      (await member.meetings.list({ when: 'upcoming', limit: LOOKAHEAD })).meetings.find(
        (meeting) => !meeting.cancelled_at,
      ),
    [member],
  );
  const { state, reload } = useLoaded(load);
  if (state.status === 'loading' || (state.status === 'ready' && !state.value)) return null;
  return (
    <HomeSection
      id="home-next-meeting"
      title={t('meetings.home.title')}
      failed={t('meetings.loadFailed')}
      lines={3}
      more={{ to: '/member/meetings', label: t('meetings.home.all') }}
      state={sectionState(state, reload)}
    >
      {(meeting) => meeting && <MeetingLines meetings={[meeting]} />}
    </HomeSection>
  );
}
