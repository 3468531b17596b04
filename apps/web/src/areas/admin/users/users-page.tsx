import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ProgressNote } from '../../id/auth/progress-note';
import { isNotFound } from '../admin-error';
import { SectionHeader } from '../admin-layout';
import { useAction } from '../use-action';
import { usePlatform } from '../use-platform';
import { PendingDeletions } from './pending-deletions';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `/admin/users`: find a member by their exact e-mail; the deletions waiting their 72 hours. */
export function UsersPage() {
  const { t } = useTranslation('admin');
  return (
    <Stack gap="lg">
      <SectionHeader title={t('nav.users')} lead={t('users.lead')} />
      <FindUser />
      <PendingDeletions />
    </Stack>
  );
}

function FindUser() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [notFound, setNotFound] = useState(false);
  // A miss answers null: it is told under the field, like the other failures.
  const find = useAction(async (address: string) =>
    platform.users.find(address).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    }),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setInvalid(t('users.emailInvalid'));
      return;
    }
    setInvalid(undefined);
    const found = await find.run(address);
    setNotFound(found?.value === null);
    // The address stays out of the URL (and of the history): the page works by id.
    if (found?.value) void navigate(`/admin/users/${found.value.user_id}`);
  };
  return (
    <section aria-labelledby="admin-find-user">
      <Title order={2} size="h3" id="admin-find-user" mb="sm">
        {t('users.find')}
      </Title>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm" maw={520}>
          <TextInput
            label={t('users.email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={invalid ?? (notFound ? t('users.notFound') : find.error)}
            required
          />
          <Group>
            <Button type="submit" loading={find.busy}>
              {t('users.search')}
            </Button>
          </Group>
          <ProgressNote text={find.busy ? t('users.searching') : undefined} />
        </Stack>
      </form>
    </section>
  );
}
