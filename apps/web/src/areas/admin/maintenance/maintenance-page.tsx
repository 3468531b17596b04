import type { MaintenanceAnnouncement } from '@cardcoop/contracts';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../../../lib/cardcoop';
import { SectionHeader } from '../admin-layout';
import { ConfirmDialog } from '../dialogs';
import { formatInstant } from '../format';
import { QueryState } from '../../../components/query-state';
import { usePlatform } from '../use-platform';
import { MaintenanceForm } from './maintenance-form';

const KEY = ['admin', 'maintenance'];
const bySoonest = (a: MaintenanceAnnouncement, b: MaintenanceAnnouncement) =>
  a.starts_at.localeCompare(b.starts_at);

/**
 * `/admin/maintenance`: current and upcoming announcements (the public list: there is no admin
 * list of past ones), created, changed and deleted here. The public list is cached for a minute,
 * so this screen applies its own changes to what it loaded instead of loading it again.
 */
export function MaintenancePage() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  // A thunk: the notice follows a language switch.
  const [saved, setSaved] = useState<() => string>();
  const list = useQuery({
    queryKey: KEY,
    queryFn: async () => (await cardcoop.maintenance.upcoming()).announcements,
    staleTime: Infinity,
  });
  const apply = (change: (list: MaintenanceAnnouncement[]) => MaintenanceAnnouncement[]) =>
    queries.setQueryData<MaintenanceAnnouncement[]>(KEY, (old = []) => change(old).sort(bySoonest));
  const upsert = (announcement: MaintenanceAnnouncement) => {
    apply((old) => [...old.filter(({ id }) => id !== announcement.id), announcement]);
    setSaved(() => () => t('maintenance.saved'));
  };
  const remove = (id: string) => {
    apply((old) => old.filter((announcement) => announcement.id !== id));
    setSaved(() => () => t('maintenance.removed'));
  };

  return (
    <Stack gap="lg">
      <SectionHeader title={t('nav.maintenance')} lead={t('maintenance.lead')} />
      {saved && (
        <Alert color="green" role="status">
          {saved()}
        </Alert>
      )}
      <section aria-labelledby="admin-maintenance-list">
        <Title order={2} size="h3" id="admin-maintenance-list" mb="xs">
          {t('maintenance.list')}
        </Title>
        <Text size="sm" mb="sm">
          {t('maintenance.listHint')}
        </Text>
        <QueryState query={list}>
          {(announcements) =>
            announcements.length === 0 ? (
              <Text>{t('maintenance.empty')}</Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {announcements.map((announcement) => (
                  <AnnouncementItem
                    key={announcement.id}
                    announcement={announcement}
                    onSaved={upsert}
                    onRemoved={() => remove(announcement.id)}
                  />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="admin-maintenance-create">
        <Title order={2} size="h3" id="admin-maintenance-create" mb="sm">
          {t('maintenance.create')}
        </Title>
        <Paper withBorder p="md">
          <MaintenanceForm
            submitLabel={t('maintenance.publish')}
            onSubmit={async (values) => upsert(await platform.maintenance.create(values))}
          />
        </Paper>
      </section>
    </Stack>
  );
}

function AnnouncementItem({
  announcement,
  onSaved,
  onRemoved,
}: {
  announcement: MaintenanceAnnouncement;
  onSaved: (announcement: MaintenanceAnnouncement) => void;
  onRemoved: () => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const { platform } = usePlatform();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const period = t('maintenance.period', {
    start: formatInstant(announcement.starts_at, i18n.language),
    end: formatInstant(announcement.ends_at, i18n.language),
  });
  return (
    <Paper component="li" withBorder p="md">
      {editing ? (
        <Stack gap="sm">
          <Text fw={600}>{t('maintenance.editTitle')}</Text>
          <MaintenanceForm
            initial={announcement}
            submitLabel={t('maintenance.save')}
            onSubmit={async (values) => {
              onSaved(await platform.maintenance.update(announcement.id, values));
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        </Stack>
      ) : (
        <Stack gap="xs">
          <Text fw={600}>{period}</Text>
          <Text size="sm" lang="ru">
            {announcement.message_ru}
          </Text>
          <Text size="sm" lang="en">
            {announcement.message_en}
          </Text>
          <Group gap="sm">
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              {t('maintenance.edit')}
            </Button>
            <Button size="xs" variant="default" color="red" onClick={() => setRemoving(true)}>
              {t('maintenance.remove')}
            </Button>
          </Group>
        </Stack>
      )}
      <ConfirmDialog
        opened={removing}
        title={t('maintenance.removeTitle')}
        text={t('maintenance.removeText', { period })}
        confirmLabel={t('maintenance.remove')}
        onConfirm={async () => {
          await platform.maintenance.remove(announcement.id);
          onRemoved();
        }}
        onClose={() => setRemoving(false)}
      />
    </Paper>
  );
}
