import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PasswordField } from './password-field';
import { passwordProblem, prefetchCommonPasswords } from './password-rules';
import { PasswordStrengthMeter } from './password-strength-meter';
import type { Problem } from './problem';

export interface NewPassword {
  password: string;
  repeat: string;
}

/** Checks a new password; an empty answer means it is acceptable. */
export async function checkNewPassword({
  password,
  repeat,
}: NewPassword): Promise<Partial<Record<keyof NewPassword, Problem>>> {
  const problem = await passwordProblem(password);
  if (problem) return { password: `auth.newPassword.${problem}` };
  if (password !== repeat) return { repeat: 'auth.newPassword.mismatch' };
  return {};
}

/** A new password, typed twice, with its strength meter. */
export function NewPasswordFields({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  errors: Partial<Record<keyof NewPassword, string>>;
  disabled?: boolean;
}) {
  const { t } = useTranslation('id');
  return (
    <Stack gap="sm">
      <PasswordField
        label={t('auth.newPassword.label')}
        description={t('auth.newPassword.description')}
        autoComplete="new-password"
        value={value.password}
        onFocus={prefetchCommonPasswords}
        onChange={(event) => onChange({ ...value, password: event.currentTarget.value })}
        error={errors.password}
        disabled={disabled}
        required
      />
      {value.password && <PasswordStrengthMeter password={value.password} />}
      <PasswordField
        label={t('auth.newPassword.repeat')}
        autoComplete="new-password"
        value={value.repeat}
        onChange={(event) => onChange({ ...value, repeat: event.currentTarget.value })}
        error={errors.repeat}
        disabled={disabled}
        required
      />
    </Stack>
  );
}
