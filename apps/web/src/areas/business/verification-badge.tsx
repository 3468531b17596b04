import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Whether the cooperative's ownership is proven; until then only localhost addresses work. */
export function VerificationBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation('business');
  return (
    <Text size="sm" fw={600} c={verified ? 'teal.9' : undefined}>
      {verified ? '✓ ' : '⚠ '}
      {t(verified ? 'verification.verified' : 'verification.unverified')}
    </Text>
  );
}
