import { Badge, Button, DataList, Group, Progress, Stack, Text } from '@mantine/core';
import { CardCoopError } from '@cardcoop/sdk';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fieldLabelKey } from '../id/card/card-labels';
import { useLoaded } from '../id/card/use-loaded';
import { useFormatDate } from '../id/common/format-date';
import { useMember } from '../id/session/require-unlocked';
import { completenessOf } from './completeness';
import { HomeSection } from './home-section';
import { sectionState } from './section-state';

/** How many missing fields the home names before "and N more". */
const NAMED = 4;

/** The card at a glance: its kind, how much of it is filled in (and what is not), last change. */
export function CardGlance() {
  const { t } = useTranslation('member');
  const { t: tId } = useTranslation('id');
  const formatDate = useFormatDate();
  const member = useMember();
  // Decrypted in this component only, never in a shared cache (see useLoaded). No card: null.
  const load = useCallback(
    () =>
      member.card.get().catch((error: unknown) => {
        if (error instanceof CardCoopError && error.code === 'NOT_FOUND') return null;
        throw error;
      }),
    [member],
  );
  const { state, reload } = useLoaded(load);

  return (
    <HomeSection
      id="home-card"
      title={t('home.card.title')}
      failed={t('home.card.loadFailed')}
      lines={4}
      state={sectionState(state, reload)}
    >
      {(record) => {
        if (!record) {
          return (
            <Stack gap="sm" align="flex-start">
              <Text>{t('home.card.none')}</Text>
              <Button component={Link} to="/id/card">
                {t('home.card.issue')}
              </Button>
            </Stack>
          );
        }
        const { percent, missing } = completenessOf(record.data);
        const labels = [...new Set(missing.map((field) => tId(fieldLabelKey(field))))];
        const named = labels.slice(0, NAMED).join(', ');
        const rest = labels.length - NAMED;
        return (
          <Stack gap="sm">
            <DataList orientation="vertical" gap="xs">
              <DataList.Item>
                <DataList.ItemLabel>{t('home.card.kind')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Badge variant="light">{tId(`card.kind.${record.data.kind}`)}</Badge>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('home.card.completeness')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Group gap="sm" wrap="nowrap" w="100%">
                    <Progress
                      value={percent}
                      flex={1}
                      miw={96}
                      aria-label={t('home.card.completeness')}
                    />
                    <Text fw={600}>{percent}%</Text>
                  </Group>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('home.card.updated')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <time dateTime={record.updatedAt}>{formatDate(record.updatedAt)}</time>
                </DataList.ItemValue>
              </DataList.Item>
            </DataList>
            <Text size="sm" c={labels.length > 0 ? undefined : 'dimmed'}>
              {labels.length === 0
                ? t('home.card.complete')
                : t('home.card.missing', {
                    fields: rest > 0 ? `${named} ${t('home.card.more', { count: rest })}` : named,
                  })}
            </Text>
            <Group>
              <Button component={Link} to="/id/card" variant="light">
                {t('home.edit')}
              </Button>
            </Group>
          </Stack>
        );
      }}
    </HomeSection>
  );
}
