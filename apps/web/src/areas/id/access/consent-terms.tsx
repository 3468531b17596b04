import { Anchor, DataList, useMatches } from '@mantine/core';
import type { PreparedShare } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';

/**
 * What a consent to process personal data names (152-ФЗ, art. 9): the recipient by its full
 * legal name and chain account, the purpose (the cooperative's own, or a membership
 * application), what it may do with the data, for how long, and how to revoke it.
 */
export function ConsentTerms({ prepared }: { prepared: PreparedShare }) {
  const { t } = useTranslation('id');
  // Label and value side by side from tablets up; stacked on a phone.
  const orientation = useMatches({ base: 'vertical', sm: 'horizontal' } as const);
  const terms = [
    ['recipient', `${prepared.legal_name} (${prepared.coopname})`],
    ['purpose', prepared.consent_purpose ?? t('access.consent.defaultPurpose')],
    ['actions', t('access.consent.actionsValue')],
    ['term', t('access.consent.termValue')],
  ] as const;
  return (
    <DataList gap="xs" labelWidth="14rem" orientation={orientation}>
      {terms.map(([name, value]) => (
        <DataList.Item key={name}>
          <DataList.ItemLabel>{t(`access.consent.${name}`)}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
      <DataList.Item>
        <DataList.ItemLabel>{t('access.consent.revocation')}</DataList.ItemLabel>
        <DataList.ItemValue>
          {t('access.consent.revocationText')}{' '}
          <Anchor href="/id/access" target="_blank" rel="noopener noreferrer" inherit>
            {t('access.consent.revocationLink')}
          </Anchor>
          . {t('access.consent.revocationEffect')}
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}
