import { Badge } from '@mantine/core';
import type { VirtualCard } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { DANGER, SUCCESS } from '../../id/common/colors';

const COLORS: Record<VirtualCard['status'], string> = {
  active: SUCCESS,
  frozen: 'blue.9',
  closed: DANGER,
};

/** Where a virtual card stands: active, frozen or closed. */
export function CardStatusBadge({ status }: { status: VirtualCard['status'] }) {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards' });
  return <Badge color={COLORS[status]}>{t(`status.${status}`)}</Badge>;
}

/** A stable reason code (`card_frozen`, `insufficient_funds`…) in words, or the code itself. */
export function useReasonText(): (code: string) => string {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards' });
  return (code) => t(`reason.${code}` as 'reason.declined', { defaultValue: code });
}
