import { Anchor, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Activity } from '@cardcoop/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';
import { formatMoney } from '../contributions/money';
import { HomeSection } from '../home-section';
import type { SectionState } from '../home-section';
import { sectionState } from '../section-state';
import { ActivityChart } from './activity-chart';
import { monthsOf, periodsOf, pivot, RANGES, spanEnding } from './activity-series';
import type { RangeKey } from './activity-series';
import { LoginHistory } from './login-history';

const LOCALES: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `YYYY-MM-DD` as `5 дек.`, `YYYY-MM` as `дек. 2026`, in the page's language. */
function usePeriodLabels() {
  const { i18n } = useTranslation();
  const locale = LOCALES[i18n.language] ?? LOCALES.ru;
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return {
    day: (period: string) => day.format(new Date(period)),
    month: (period: string) => month.format(new Date(`${period}-01`)),
  };
}

/** The three charts of one answer of `GET /activity`. */
function useCharts(activity: Activity) {
  const { t, i18n } = useTranslation('member');
  const { t: tId } = useTranslation('id');
  const labels = usePeriodLabels();
  const periods = periodsOf(activity);
  const reads = pivot(
    activity.reads,
    periods,
    (row) => row.period,
    (row) => row.display_name ?? row.coopname,
    (row) => row.count,
  );
  const logins = pivot(
    activity.logins,
    periods,
    (row) => row.period,
    (row) => row.device ?? tId('security.sessions.unknownDevice'),
    (row) => row.count,
  );
  const paid = pivot(
    activity.contributions,
    monthsOf(activity),
    (row) => row.month,
    (row) => row.currency,
    (row) => row.amount,
  );
  const currencies = paid.series.map((series) => series.label);
  const money = (amount: number) =>
    currencies.length === 1
      ? formatMoney({ amount, currency: currencies[0]! }, i18n.language)
      : String(amount);
  const total = (rows: { count: number }[]) => rows.reduce((sum, row) => sum + row.count, 0);
  const totals = currencies.map((currency) =>
    formatMoney(
      {
        currency,
        amount: activity.contributions
          .filter((row) => row.currency === currency)
          .reduce((sum, row) => sum + row.amount, 0),
      },
      i18n.language,
    ),
  );
  const common = { periodHeader: t('activity.period'), periodLabel: labels.day };
  return [
    {
      id: 'activity-reads',
      title: t('activity.reads.title'),
      chart: {
        ...common,
        data: reads,
        summary: t('activity.reads.summary', { count: total(activity.reads) }),
        empty: t('activity.reads.empty'),
      },
    },
    {
      id: 'activity-logins',
      title: t('activity.logins.title'),
      chart: {
        ...common,
        data: logins,
        summary: t('activity.logins.summary', { count: total(activity.logins) }),
        empty: t('activity.logins.empty'),
      },
    },
    {
      id: 'activity-contributions',
      title: t('activity.contributions.title'),
      chart: {
        data: paid,
        periodHeader: t('activity.contributions.month'),
        periodLabel: labels.month,
        valueFormatter: money,
        axisWidth: 96,
        summary: t('activity.contributions.summary', { amount: totals.join(', ') }),
        empty: t('activity.contributions.empty'),
      },
    },
  ];
}

function ActivityCharts({ activity }: { activity: Activity }) {
  return useCharts(activity).map(({ id, title, chart }) => (
    <ChartSection key={id} id={id} title={title} state={{ status: 'ready', value: chart }} />
  ));
}

type ChartProps = Omit<Parameters<typeof ActivityChart>[0], 'title'>;

function ChartSection({
  id,
  title,
  state,
}: {
  id: string;
  title: string;
  state: SectionState<ChartProps>;
}) {
  const { t } = useTranslation('member');
  return (
    <HomeSection id={id} title={title} failed={t('activity.loadFailed')} lines={6} state={state}>
      {(chart) => <ActivityChart title={title} {...chart} />}
    </HomeSection>
  );
}

/**
 * `/member/activity`: cooperatives' reads of the member's data, sign-ins per device and
 * contributions paid, over 30 days, 90 days or a year (`?range=`); the sign-in history; a link
 * to the devices and sessions, where one can be signed out.
 */
export function ActivityPage() {
  const { t } = useTranslation('member');
  usePageTitle(t('activity.title'));
  const member = useMember();
  const [search, setSearch] = useSearchParams();
  const range = RANGES.find(({ key }) => key === search.get('range')) ?? RANGES[0];
  const load = useCallback(
    () => member.activity.get(spanEnding(range.days, new Date(), TIME_ZONE)),
    [member, range.days],
  );
  const { state, reload } = useLoaded(load);
  const loading = sectionState(state, reload);

  return (
    <Stack maw={1100} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('activity.title')}</Title>
        <Text>{t('activity.lead')}</Text>
        <Anchor component={Link} to="/id/security" w="fit-content">
          {t('activity.devices')}
        </Anchor>
      </Stack>
      <SegmentedControl
        aria-label={t('activity.range.label')}
        value={range.key}
        onChange={(value) => setSearch({ range: value as RangeKey }, { replace: true })}
        data={RANGES.map(({ key }) => ({ value: key, label: t(`activity.range.${key}`) }))}
        style={{ alignSelf: 'flex-start' }}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {loading.status === 'ready' ? (
          <ActivityCharts activity={loading.value} />
        ) : (
          (['reads', 'logins', 'contributions'] as const).map((key) => (
            <ChartSection
              key={key}
              id={`activity-${key}`}
              title={t(`activity.${key}.title`)}
              state={loading}
            />
          ))
        )}
      </SimpleGrid>
      <LoginHistory />
    </Stack>
  );
}
