import { NOTIFICATION_TYPES } from '@cardcoop/contracts';
import type { NotificationType } from '@cardcoop/contracts';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useGrants } from '../../id/access/use-grants';
import { errorMessage } from '../../id/common/error-message';
import { useMember } from '../../id/session/require-unlocked';
import { NoticeItem } from './notice-item';
import { unreadChanged } from './unread-changed';
import { useNotices } from './use-notices';

const LIST = { listStyle: 'none' } as const;

/**
 * `/member/notifications`: the notification centre. Filters by type, cooperative and unread;
 * marks one or all read; pages on by the keyset cursor; a new notice appears without a reload.
 */
export function NotificationsPage() {
  const { t } = useTranslation('member', { keyPrefix: 'notifications' });
  const { t: tId } = useTranslation('id');
  usePageTitle(t('title'));
  const member = useMember();
  const [type, setType] = useState<NotificationType | undefined>();
  const [coopname, setCoopname] = useState<string | undefined>();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { list, more, markedRead } = useNotices(member, {
    type,
    coopname,
    unread: unreadOnly || undefined,
  });
  const { list: grants } = useGrants(member);
  const [failure, setFailure] = useState<{ key: 'markFailed' | 'moreFailed'; error: unknown }>();
  const [busy, setBusy] = useState(false);

  const mark = async (ids: string[] | 'all') => {
    setFailure(undefined);
    setBusy(true);
    try {
      await (ids === 'all'
        ? member.notifications.markAllRead()
        : member.notifications.markRead(ids));
      markedRead(ids);
      unreadChanged();
    } catch (error) {
      setFailure({ key: 'markFailed', error });
    } finally {
      setBusy(false);
    }
  };

  const loadMore = async () => {
    setFailure(undefined);
    setBusy(true);
    try {
      await more();
    } catch (error) {
      setFailure({ key: 'moreFailed', error });
    } finally {
      setBusy(false);
    }
  };

  const filtered = type !== undefined || coopname !== undefined || unreadOnly;
  const hasUnread = list.status === 'ready' && list.notices.some((n) => n.read_at === null);

  return (
    <Stack maw={900} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('title')}</Title>
        <Text>{t('lead')}</Text>
        <Anchor component={Link} to="/member/notifications/settings">
          {t('settingsLink')}
        </Anchor>
      </Stack>

      <Group
        component="fieldset"
        gap="md"
        align="flex-end"
        wrap="wrap"
        p={0}
        m={0}
        style={{ border: 0 }}
      >
        <Text component="legend" fw={600} mb="xs">
          {t('filters.label')}
        </Text>
        <Select
          label={t('filters.type')}
          placeholder={t('filters.anyType')}
          clearable
          data={NOTIFICATION_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))}
          value={type ?? null}
          onChange={(value) => setType((value as NotificationType | null) ?? undefined)}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('filters.coop')}
          placeholder={t('filters.anyCoop')}
          clearable
          data={
            grants.status === 'loaded'
              ? grants.grants.map((grant) => ({
                  value: grant.coopname,
                  label: grant.display_name,
                }))
              : []
          }
          value={coopname ?? null}
          onChange={(value) => setCoopname(value ?? undefined)}
          w={{ base: '100%', sm: 260 }}
        />
        <Switch
          label={t('filters.unreadOnly')}
          checked={unreadOnly}
          onChange={(event) => setUnreadOnly(event.currentTarget.checked)}
          mb={8}
        />
      </Group>

      {failure && (
        <Alert color="red" role="alert">
          {t(failure.key, { reason: errorMessage(failure.error, tId) })}
        </Alert>
      )}

      {list.status === 'loading' && (
        <Stack gap="xs" role="status" aria-label={t('title')}>
          {[0, 1, 2].map((line) => (
            <Skeleton key={line} height={40} />
          ))}
        </Stack>
      )}
      {list.status === 'failed' && (
        <Alert color="red" role="alert" title={t('loadFailed')}>
          {errorMessage(list.error, tId)}
        </Alert>
      )}
      {list.status === 'ready' && (
        <Stack gap="md">
          <Group>
            <Button
              variant="default"
              disabled={!hasUnread}
              loading={busy}
              onClick={() => void mark('all')}
            >
              {t('markAllRead')}
            </Button>
          </Group>
          {list.notices.length === 0 ? (
            <Text c="dimmed">{filtered ? t('noneMatching') : t('none')}</Text>
          ) : (
            <Stack component="ul" gap="md" p={0} m={0} style={LIST} aria-label={t('title')}>
              {list.notices.map((notice) => (
                <NoticeItem
                  key={notice.id}
                  notice={notice}
                  action={
                    notice.read_at === null && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => void mark([notice.id])}
                      >
                        {t('markRead')}
                      </Button>
                    )
                  }
                />
              ))}
            </Stack>
          )}
          {list.next && (
            <Group>
              <Button variant="default" loading={busy} onClick={() => void loadMore()}>
                {t('more')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
