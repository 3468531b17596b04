import type { ApplicationFormField } from '@cardcoop/contracts';
import { Fieldset, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FIELD_GROUPS, LONG_FIELDS, NUMBER_FIELDS, OPTIONAL_FIELDS } from './form-fields';
import type { FormValues } from './form-fields';

/** The element id of a field, for links to it (the incomplete submission lists them). */
export const fieldId = (field: ApplicationFormField) => `application-field-${field}`;

/** The application's fields in groups, each with its error beside it. */
export function ApplicationFields({
  values,
  errors,
  readOnly,
  onChange,
}: {
  values: FormValues;
  errors: Partial<Record<ApplicationFormField, string>>;
  readOnly: boolean;
  onChange: (field: ApplicationFormField, value: string) => void;
}) {
  const { t } = useTranslation('business');
  return (
    <>
      {FIELD_GROUPS.map((group) => (
        <Fieldset key={group.key} legend={t(`application.sections.${group.key}`)}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {group.fields.map((field) => {
              const props = {
                id: fieldId(field),
                label: t(`application.fields.${field}`),
                value: values[field],
                error: errors[field],
                withAsterisk: !OPTIONAL_FIELDS.includes(field),
                readOnly,
                onChange: (event: { currentTarget: { value: string } }) =>
                  onChange(field, event.currentTarget.value),
              };
              if (LONG_FIELDS.includes(field))
                return (
                  <Textarea
                    key={field}
                    {...props}
                    autosize
                    minRows={2}
                    style={field === 'purpose' ? { gridColumn: '1 / -1' } : undefined}
                  />
                );
              return (
                <TextInput
                  key={field}
                  {...props}
                  inputMode={
                    NUMBER_FIELDS.includes(field) ||
                    ['inn', 'ogrn', 'kpp', 'bik', 'settlement_account'].includes(field)
                      ? 'numeric'
                      : undefined
                  }
                  type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                  autoComplete={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'off'}
                />
              );
            })}
          </SimpleGrid>
        </Fieldset>
      ))}
    </>
  );
}
