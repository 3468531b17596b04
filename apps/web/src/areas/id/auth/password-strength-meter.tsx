import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { passwordStrength } from './password-rules';

const LEVELS = [
  { name: 'veryWeak', color: 'red' },
  { name: 'weak', color: 'orange' },
  { name: 'fair', color: 'yellow' },
  { name: 'good', color: 'teal' },
  { name: 'strong', color: 'green' },
] as const;

/** How strong the new password looks, as a labelled meter (0–4). */
export function PasswordStrengthMeter({ password }: { password: string }) {
  const { t } = useTranslation('id');
  const score = passwordStrength(password);
  const label = t('auth.newPassword.strength.label');
  const level = LEVELS[score];
  const text = t(`auth.newPassword.strength.${level.name}`);
  return (
    <Stack gap={4}>
      <Progress.Root
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score}
        aria-valuetext={text}
        size="sm"
      >
        <Progress.Section value={(score + 1) * 20} color={level.color} withAria={false} />
      </Progress.Root>
      <Text size="sm" c="dimmed" aria-hidden="true">
        {label}: {text}
      </Text>
    </Stack>
  );
}
