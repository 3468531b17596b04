import { Badge } from '@mantine/core';
import type { Contribution, ContributionStatus } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { DANGER, SUCCESS } from '../../id/common/colors';

const COLORS: Record<ContributionStatus, string> = {
  requested: 'blue.9',
  overdue: DANGER,
  paid: SUCCESS,
  cancelled: 'gray',
};

/** Where a contribution stands, as a badge. */
export function StatusBadge({ status }: { status: ContributionStatus }) {
  const { t } = useTranslation('member');
  return (
    <Badge color={COLORS[status]} variant={status === 'cancelled' ? 'light' : 'filled'}>
      {t(`contributions.status.${status}`)}
    </Badge>
  );
}

/** "Паевой взнос" / "Членский взнос", or the purpose itself for another kind. */
export function useKindLabel(): (contribution: Contribution) => string {
  const { t } = useTranslation('member');
  return (contribution) =>
    contribution.kind === 'other'
      ? `${t('contributions.kind.other')}: ${contribution.purpose}`
      : t(`contributions.kind.${contribution.kind}`);
}
