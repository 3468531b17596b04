import { antelopeNameSchema } from '@cardcoop/contracts';
import type { ConnectedCooperative } from '@cardcoop/contracts';
import { Button, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useSay } from '../business-error';
import { serverError } from '../../../components/server-error';
import type { Problem } from '../business-error';
import { useBusiness } from '../use-business';

/** Coopname and display name → the cooperative is created, its secret comes back once. */
export function ConnectForm({ onCreated }: { onCreated: (created: ConnectedCooperative) => void }) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const api = useBusiness();
  const [coopname, setCoopname] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<{
    coopname?: Problem;
    displayName?: Problem;
    form?: Problem;
  }>({});
  const say = useSay();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(antelopeNameSchema.safeParse(coopname.trim()).success
        ? {}
        : { coopname: { key: 'connect.coopnameInvalid' as const } }),
      ...(displayName.trim()
        ? {}
        : { displayName: { key: 'connect.displayNameRequired' as const } }),
    };
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      onCreated(await api.connect({ coopname: coopname.trim(), display_name: displayName.trim() }));
    } catch (error) {
      setErrors({ form: { text: serverError(error, tId) } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack maw={520}>
        <TextInput
          label={t('connect.coopname')}
          description={t('connect.coopnameHint')}
          value={coopname}
          onChange={(event) => setCoopname(event.currentTarget.value.toLowerCase())}
          error={say(errors.coopname)}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={12}
          required
        />
        <TextInput
          label={t('connect.displayName')}
          description={t('connect.displayNameHint')}
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={say(errors.displayName)}
          maxLength={200}
          required
        />
        <FormError message={say(errors.form)} />
        <ProgressNote text={busy ? t('connect.creating') : undefined} />
        <div>
          <Button type="submit" loading={busy}>
            {t('connect.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
