import { Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { CalendarFeedButton } from './calendar-feed-dialog';
import { dayKey, parseDayKey } from './meeting-time';
import { MeetingsSection } from './meetings-section';
import { MonthCalendar } from './month-calendar';
import { startOfDay } from './month-grid';

type View = 'list' | 'calendar';

/**
 * `/member/meetings`: upcoming and past meetings as lists, or a month calendar
 * (`?view=calendar&day=YYYY-MM-DD`, so a day can be linked and comes back on reload).
 */
export function MeetingsPage() {
  const { t } = useTranslation('member');
  usePageTitle(t('meetings.title'));
  const [search, setSearch] = useSearchParams();
  const view: View = search.get('view') === 'calendar' ? 'calendar' : 'list';
  const day = parseDayKey(search.get('day')) ?? startOfDay(new Date());
  const show = (next: View, selected = day) =>
    setSearch(next === 'calendar' ? { view: next, day: dayKey(selected) } : {}, { replace: true });

  return (
    <Stack maw={1100} gap="lg">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap="xs">
          <Title order={1}>{t('meetings.title')}</Title>
          <Text>{t('meetings.lead')}</Text>
        </Stack>
        <CalendarFeedButton />
      </Group>
      <SegmentedControl
        aria-label={t('meetings.view.label')}
        value={view}
        onChange={(value) => show(value as View)}
        data={[
          { value: 'list', label: t('meetings.view.list') },
          { value: 'calendar', label: t('meetings.view.calendar') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {view === 'calendar' ? (
        <MonthCalendar day={day} onDay={(selected) => show('calendar', selected)} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <MeetingsSection when="upcoming" />
          <MeetingsSection when="past" />
        </SimpleGrid>
      )}
    </Stack>
  );
}
