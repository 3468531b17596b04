import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Whether the cooperative's ownership is proven; until then only localhost addresses work. */
export function VerificationBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation('business');
  return (
    <Badge
      color={verified ? 'teal.9' : 'yellow.9'}
      variant="light"
      style={{ whiteSpace: 'normal', height: 'auto' }}
    >
      {t(verified ? 'verification.verified' : 'verification.unverified')}
    </Badge>
  );
}
