import { Button, Stack, Table, Text } from '@mantine/core';
import type { LoginHistory as History, LoginRecord } from '@cardcoop/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../id/common/format-date';
import { useMember } from '../../id/session/require-unlocked';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { useKeysetPages } from '../use-keyset-pages';
import classes from './login-history.module.css';

const PAGE = 20;

/** The member's sign-ins, newest first: when, on which device, from which address (theirs). */
export function LoginHistory() {
  const { t } = useTranslation('member');
  const { t: tId } = useTranslation('id');
  const formatDate = useFormatDate();
  const member = useMember();
  const load = useCallback(
    (after?: string) => member.activity.loginHistory({ limit: PAGE, ...(after ? { after } : {}) }),
    [member],
  );
  const { state, reload, next, loadMore, loadingMore, itemsWith } = useKeysetPages(
    load,
    (page: History) => page.logins,
  );

  const row = (login: LoginRecord, index: number) => (
    <Table.Tr key={`${login.at}-${index}`}>
      <Table.Td data-label={t('activity.history.time')}>{formatDate(login.at)}</Table.Td>
      <Table.Td data-label={t('activity.history.device')}>
        {login.device ?? tId('security.sessions.unknownDevice')}
      </Table.Td>
      <Table.Td data-label={t('activity.history.ip')}>
        {login.ip ?? t('activity.history.unknownIp')}
      </Table.Td>
    </Table.Tr>
  );

  return (
    <HomeSection
      id="activity-history"
      title={t('activity.history.title')}
      failed={t('activity.history.loadFailed')}
      lines={5}
      state={sectionState(state, reload)}
    >
      {(history) => {
        const logins = itemsWith(history);
        if (logins.length === 0) return <Text c="dimmed">{t('activity.history.none')}</Text>;
        return (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('activity.history.description')}
            </Text>
            <Table className={classes.table} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('activity.history.time')}</Table.Th>
                  <Table.Th scope="col">{t('activity.history.device')}</Table.Th>
                  <Table.Th scope="col">{t('activity.history.ip')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{logins.map(row)}</Table.Tbody>
            </Table>
            {next && (
              <Button variant="default" onClick={loadMore} loading={loadingMore} w="fit-content">
                {t('activity.history.more')}
              </Button>
            )}
          </Stack>
        );
      }}
    </HomeSection>
  );
}
