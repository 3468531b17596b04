import { createCooperativeSchema } from '@cardcoop/contracts';
import type { AdminCooperative } from '@cardcoop/contracts';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SecretOnce } from '../../../components/secret-once';
import { ProgressNote } from '../../id/auth/progress-note';
import { FormError } from '../../id/auth/form-error';
import { usePlatform } from '../use-platform';
import { EMPTY_DRAFT, settingsOf } from './cooperative-form';
import type { Draft } from './cooperative-form';
import { REGISTRY_KEY } from './registry-key';
import { SettingsFields } from './settings-fields';
import { useSettingsSubmit } from './use-settings-submit';

interface Created {
  cooperative: AdminCooperative;
  client_secret: string;
}

/**
 * "New cooperative": the account name (checked against the Antelope rules before sending) and
 * its settings; then its client secret, this once.
 */
export function CreateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const [coopname, setCoopname] = useState('');
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [created, setCreated] = useState<Created>();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSettingsSubmit(() => ({ coopname: t('cooperatives.taken') }), formRef);

  const close = () => {
    if (form.busy) return;
    setCoopname('');
    setDraft(EMPTY_DRAFT);
    setCreated(undefined);
    form.reset();
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { coopname: coopname.trim(), ...settingsOf(draft) };
    const checked = createCooperativeSchema.safeParse(input);
    const done = await form.submit(checked.success ? [] : checked.error.issues, () =>
      platform.cooperatives.create(input),
    );
    if (!done) return;
    setCreated(done.value);
    await queries.invalidateQueries({ queryKey: REGISTRY_KEY });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('cooperatives.addTitle')}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      closeOnClickOutside={!created}
      size="lg"
      centered
    >
      {created ? (
        <Stack>
          <Text fw={600} role="status">
            {t('cooperatives.registered', { name: created.cooperative.display_name })}
          </Text>
          <Text size="sm">{t('cooperatives.clientId', { id: created.cooperative.coopname })}</Text>
          <SecretOnce label={t('cooperatives.secret')} secret={created.client_secret} />
          <Group justify="flex-end">
            <Button onClick={close}>{t('cooperatives.secretSaved')}</Button>
          </Group>
        </Stack>
      ) : (
        <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('cooperatives.form.coopname')}
              description={t('cooperatives.form.coopnameHint')}
              value={coopname}
              onChange={(event) => setCoopname(event.currentTarget.value)}
              error={form.problems.coopname}
              maxLength={13}
              autoComplete="off"
              spellCheck={false}
              required
              data-autofocus
            />
            <SettingsFields
              draft={draft}
              problems={form.problems}
              onChange={(change) => setDraft((current) => ({ ...current, ...change }))}
            />
            <FormError message={form.formError} />
            <ProgressNote text={form.busy ? t('cooperatives.registering') : undefined} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} disabled={form.busy}>
                {t('cancel')}
              </Button>
              <Button type="submit" loading={form.busy}>
                {t('cooperatives.register')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
