import { CARD_FIELD_NAMES, FIELD_REASON_MAX } from '@cardcoop/contracts';
import { Checkbox, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFieldText } from '../../id/access/field-text';

/** A requested field and the reason members read under it (empty while being written). */
export interface FieldChoice {
  field: string;
  reason: string;
}

/** The card's fields to tick, each ticked one with its reason. */
export function FieldPicker({
  value,
  onChange,
  readOnly,
  error,
}: {
  value: FieldChoice[];
  onChange: (value: FieldChoice[]) => void;
  readOnly: boolean;
  error?: string | undefined;
}) {
  const { t } = useTranslation('business');
  const { label } = useFieldText();
  const chosen = new Map(value.map((item) => [item.field, item.reason]));
  const toggle = (field: string, on: boolean) =>
    onChange(on ? [...value, { field, reason: '' }] : value.filter((item) => item.field !== field));
  const setReason = (field: string, reason: string) =>
    onChange(value.map((item) => (item.field === field ? { field, reason } : item)));

  return (
    <Stack gap="xs">
      <Text size="sm">{t('settings.fieldsHint')}</Text>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
      {CARD_FIELD_NAMES.map((field) => {
        const reason = chosen.get(field);
        return (
          <Stack key={field} gap={4}>
            <Checkbox
              label={label(field)}
              checked={reason !== undefined}
              onChange={(event) => toggle(field, event.currentTarget.checked)}
              disabled={readOnly}
            />
            {reason !== undefined && (
              <TextInput
                ml="xl"
                size="xs"
                aria-label={t('settings.reason', { field: label(field) })}
                placeholder={t('settings.reason', { field: label(field) })}
                value={reason}
                onChange={(event) => setReason(field, event.currentTarget.value)}
                maxLength={FIELD_REASON_MAX}
                readOnly={readOnly}
              />
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
