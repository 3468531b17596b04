import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether `value` looks like an e-mail address (the server has the last word). */
export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** The e-mail address of an auth form. */
export function EmailField({
  value,
  onChange,
  error,
  disabled,
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  /** The field the page opens on (the login page's address). */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('id');
  return (
    <TextInput
      type="email"
      label={t('auth.fields.email')}
      autoComplete="username"
      inputMode="email"
      spellCheck={false}
      maxLength={254}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      disabled={disabled}
      autoFocus={autoFocus}
      required
    />
  );
}
