import { NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Draft, Problems } from './cooperative-form';

const LEVELS = ['basic', 'extended'] as const;
const ADMISSIONS = ['members', 'open'] as const;

/** The settings of a cooperative that both the new-cooperative and the edit dialogs take. */
export function SettingsFields({
  draft,
  problems,
  onChange,
}: {
  draft: Draft;
  problems: Problems;
  onChange: (change: Partial<Draft>) => void;
}) {
  const { t } = useTranslation('admin');
  const text = (field: keyof Draft & keyof Problems) => ({
    value: draft[field],
    error: problems[field],
    onChange: (event: { currentTarget: { value: string } }) =>
      onChange({ [field]: event.currentTarget.value }),
  });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('cooperatives.form.displayName')}
        required
        maxLength={200}
        {...text('display_name')}
      />
      <TextInput
        label={t('cooperatives.form.legalName')}
        description={t('cooperatives.form.legalNameHint')}
        maxLength={500}
        {...text('legal_name')}
      />
      <Textarea
        label={t('cooperatives.form.consentPurpose')}
        description={t('cooperatives.form.consentPurposeHint')}
        maxLength={1000}
        autosize
        minRows={2}
        {...text('consent_purpose')}
      />
      <Textarea
        label={t('cooperatives.form.origins')}
        description={t('cooperatives.form.originsHint')}
        autosize
        minRows={2}
        spellCheck={false}
        {...text('origins')}
      />
      <Textarea
        label={t('cooperatives.form.redirectUris')}
        description={t('cooperatives.form.redirectUrisHint')}
        autosize
        minRows={2}
        spellCheck={false}
        {...text('redirect_uris')}
      />
      <TextInput
        label={t('cooperatives.form.entryUrl')}
        description={t('cooperatives.form.entryUrlHint')}
        type="url"
        spellCheck={false}
        {...text('entry_url')}
      />
      <NativeSelect
        label={t('cooperatives.form.level')}
        value={draft.level}
        onChange={(event) => onChange({ level: event.currentTarget.value as Draft['level'] })}
        data={LEVELS.map((value) => ({ value, label: t(`cooperatives.level.${value}`) }))}
      />
      <NativeSelect
        label={t('cooperatives.form.admission')}
        value={draft.admission}
        onChange={(event) =>
          onChange({ admission: event.currentTarget.value as Draft['admission'] })
        }
        data={ADMISSIONS.map((value) => ({
          value,
          label: t(`cooperatives.form.admissionOptions.${value}`),
        }))}
      />
    </Stack>
  );
}
