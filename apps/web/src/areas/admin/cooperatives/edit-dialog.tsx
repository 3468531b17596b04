import { updateCooperativeSchema } from '@cardcoop/contracts';
import type { AdminCooperative } from '@cardcoop/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressNote } from '../../id/auth/progress-note';
import { FormError } from '../../id/auth/form-error';
import { usePlatform } from '../use-platform';
import { changesOf, draftOf, rebase, settingsOf } from './cooperative-form';
import { REGISTRY_KEY } from './registry-key';
import { SettingsFields } from './settings-fields';
import { useSettingsSubmit } from './use-settings-submit';
import type { Told } from './told';

/**
 * A cooperative's settings, changed on top of the revision shown: when someone changed them
 * meanwhile (409) the registry reloads and the admin saves again over the new revision.
 */
export function EditDialog({
  cooperative,
  onSaved,
  onClose,
}: {
  cooperative: AdminCooperative;
  onSaved: (message: Told) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const [base, setBase] = useState(() => draftOf(cooperative));
  const [draft, setDraft] = useState(base);
  // A newer revision (after a 409 the registry reloads): untouched fields follow it.
  const [revision, setRevision] = useState(cooperative.revision);
  if (cooperative.revision !== revision) {
    const fresh = draftOf(cooperative);
    setRevision(cooperative.revision);
    setBase(fresh);
    setDraft(rebase(draft, base, fresh));
  }
  const [unchanged, setUnchanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSettingsSubmit(() => {
    void queries.invalidateQueries({ queryKey: REGISTRY_KEY });
    return t('cooperatives.conflict');
  }, formRef);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes = changesOf(cooperative, settingsOf(draft));
    setUnchanged(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    const input = { expected_revision: cooperative.revision, ...changes };
    const checked = updateCooperativeSchema.safeParse(input);
    const done = await form.submit(checked.success ? [] : checked.error.issues, () =>
      platform.cooperatives.update(cooperative.coopname, input),
    );
    if (!done) return;
    await queries.invalidateQueries({ queryKey: REGISTRY_KEY });
    const name = done.value.display_name;
    onSaved((say) => say('cooperatives.saved', { name }));
    onClose();
  };

  return (
    <Modal
      opened
      onClose={() => !form.busy && onClose()}
      title={t('cooperatives.editTitle', { name: cooperative.display_name })}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      size="lg"
      centered
    >
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <SettingsFields
            draft={draft}
            problems={form.problems}
            onChange={(change) => {
              setUnchanged(false);
              setDraft((current) => ({ ...current, ...change }));
            }}
          />
          <FormError message={form.formError} />
          {unchanged && (
            <Text size="sm" role="status">
              {t('cooperatives.unchanged')}
            </Text>
          )}
          <ProgressNote text={form.busy ? t('cooperatives.saving') : undefined} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={form.busy}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={form.busy}>
              {t('cooperatives.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
