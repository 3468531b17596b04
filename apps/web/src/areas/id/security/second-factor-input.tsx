import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface SecondFactorInputProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** Backup codes too (every step-up); only the app's code when turning 2FA on. */
  backupCodes?: boolean;
}

/** One field for the second factor: the app's six digits or, where allowed, a backup code. */
export function SecondFactorInput(props: SecondFactorInputProps) {
  const { t } = useTranslation('id');
  const { value, onChange, error, backupCodes = true } = props;
  return (
    <TextInput
      label={t(backupCodes ? 'security.factor.label' : 'security.factor.appLabel')}
      description={t(
        backupCodes ? 'security.factor.description' : 'security.factor.appDescription',
      )}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      autoComplete="one-time-code"
      inputMode={backupCodes ? 'text' : 'numeric'}
      autoCapitalize="none"
      spellCheck={false}
      maxLength={backupCodes ? 12 : 9}
      required
    />
  );
}
