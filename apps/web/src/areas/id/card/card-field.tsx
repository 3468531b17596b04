import { normalizePhone } from '@cardcoop/contracts';
import { MaskInput, NativeSelect, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { countryOptions, currencyLabel } from './card-choices';
import type { FieldSpec } from './card-fields';
import { fieldId } from './card-fields';
import { fieldHelpKey, fieldLabelKey, organizationTypeKey } from './card-labels';
import { maskOf } from './card-masks';

// The member's own contact data: the browser may offer what it remembers.
const AUTOCOMPLETE: Record<string, string> = {
  first_name: 'given-name',
  last_name: 'family-name',
  middle_name: 'additional-name',
  birthdate: 'bday',
  phone: 'tel',
  email: 'email',
  city: 'address-level2',
  full_address: 'street-address',
};

interface CardFieldProps {
  field: FieldSpec;
  value: string;
  required: boolean;
  error?: string;
  /** Shown under the label until the member changes the value: a stored value to fix. */
  warning?: string;
  onChange: (path: string, value: string) => void;
  onBlur: (path: string) => void;
}

/**
 * One input of the card form: a masked input for numbers with a format, a searchable list for
 * the country and the currency, a select for the legal form.
 */
export function CardField(props: CardFieldProps) {
  const { field, value, required, error, warning, onChange, onBlur } = props;
  const { t, i18n } = useTranslation('id');
  const help = fieldHelpKey(field);
  const common = {
    id: fieldId(field.path),
    label: t(fieldLabelKey(field)),
    required,
    error,
    description: warning ?? (help && t(help)),
    onBlur: () => onBlur(field.path),
    autoComplete: AUTOCOMPLETE[field.path] ?? 'off',
  };
  const change = (next: string) => onChange(field.path, next);

  const choices =
    field.format === 'country-code'
      ? countryOptions(i18n.language)
      : field.name === 'currency'
        ? (field.options ?? []).map((code) => ({
            value: code,
            label: currencyLabel(code, i18n.language),
          }))
        : undefined;
  if (choices) {
    return (
      <Select
        {...common}
        data={choices}
        value={choices.some((choice) => choice.value === value) ? value : null}
        onChange={(next) => change(next ?? '')}
        searchable
        allowDeselect={false}
        placeholder={t('card.form.choose')}
        nothingFoundMessage={t('card.form.nothingFound')}
      />
    );
  }

  if (field.options) {
    const data = [
      { value: '', label: t('card.organizationType.choose') },
      ...field.options.map((option) => ({
        value: option,
        label: t(organizationTypeKey(option)),
      })),
    ];
    return (
      <NativeSelect
        {...common}
        data={data}
        value={value}
        onChange={(event) => change(event.currentTarget.value)}
      />
    );
  }

  const mask = maskOf(field.format);
  if (mask) {
    // Uncontrolled: the mask owns the caret; the form keeps the stored value.
    return (
      <MaskInput
        {...common}
        {...mask.options}
        slotChar={null}
        inputMode={mask.inputMode}
        defaultValue={mask.typed ? mask.typed(value) : value}
        placeholder={field.format === 'date' ? t('card.form.datePlaceholder') : undefined}
        onChangeRaw={(raw) => change(mask.store(raw))}
      />
    );
  }

  const text = {
    ...common,
    value,
    maxLength: field.maxLength,
    onChange: (event: { currentTarget: { value: string } }) => change(event.currentTarget.value),
  };
  if (field.format === 'phone') {
    // Typed the way people write it (`8 916 123-45-67`), stored as E.164 once it leaves the field.
    const blur = () => {
      const phone = normalizePhone(value);
      if (phone !== undefined && phone !== value) change(phone);
      onBlur(field.path);
    };
    return <TextInput {...text} onBlur={blur} type="tel" inputMode="tel" maxLength={30} />;
  }
  if (field.format === 'email') return <TextInput {...text} type="email" inputMode="email" />;
  if ((field.maxLength ?? 0) >= 500) return <Textarea {...text} autosize minRows={2} />;
  return <TextInput {...text} />;
}
