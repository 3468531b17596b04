import { useTranslation } from 'react-i18next';
import { PasswordField } from '../auth/password-field';

/** The current password, asked again before a change that needs it (proven by OPAQUE). */
export function CurrentPasswordField({
  value,
  onChange,
  error,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation('id');
  return (
    <PasswordField
      label={t('security.password.current')}
      autoComplete="current-password"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      disabled={disabled}
      required
    />
  );
}
