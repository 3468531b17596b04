import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../dialogs';
import { formatInstant } from '../format';
import { QueryState } from '../../../components/query-state';
import { useStepUp } from '../step-up';
import { usePlatform } from '../use-platform';

/** Deletion requests waiting their 72 hours; "delete now" asks first and needs a step-up. */
export function PendingDeletions() {
  const { t, i18n } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const { guard, dialog } = useStepUp();
  const [confirming, setConfirming] = useState<string>();
  const [completed, setCompleted] = useState<string>();
  const deletions = useQuery({
    queryKey: ['admin', 'deletions'],
    queryFn: () => platform.users.pendingDeletions(),
  });
  return (
    <section aria-labelledby="admin-deletions">
      <Title order={2} size="h3" id="admin-deletions" mb="xs">
        {t('users.deletions')}
      </Title>
      <Text size="sm" mb="sm">
        {t('users.deletionsLead')}
      </Text>
      {completed && (
        <Alert color="green" role="status" mb="sm">
          {t('users.completed', { id: completed })}
        </Alert>
      )}
      <QueryState query={deletions}>
        {({ deletions: list }) =>
          list.length === 0 ? (
            <Text>{t('users.deletionsEmpty')}</Text>
          ) : (
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {list.map((item) => (
                <Paper component="li" key={item.user_id} withBorder p="sm">
                  <Group justify="space-between" gap="sm">
                    <Stack gap={2} miw={0}>
                      <Anchor
                        component={Link}
                        to={`/admin/users/${item.user_id}`}
                        size="sm"
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {item.user_id}
                      </Anchor>
                      <Text size="sm">
                        {t('users.due', { at: formatInstant(item.deletion_due_at, i18n.language) })}
                      </Text>
                    </Stack>
                    <Button color="red" size="xs" onClick={() => setConfirming(item.user_id)}>
                      {t('users.completeNow')}
                    </Button>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
      <ConfirmDialog
        opened={confirming !== undefined}
        title={t('users.completeTitle')}
        text={t('users.completeText', { id: confirming ?? '' })}
        confirmLabel={t('users.completeNow')}
        onConfirm={async () => {
          if (!confirming) return;
          const done = await guard(() => platform.users.completeDeletion(confirming));
          setCompleted(done.user_id);
          await queries.invalidateQueries({ queryKey: ['admin', 'deletions'] });
        }}
        onClose={() => setConfirming(undefined)}
      />
      {dialog}
    </section>
  );
}
