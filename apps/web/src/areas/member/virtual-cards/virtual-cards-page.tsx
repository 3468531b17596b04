import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import type { VirtualCard } from '@cardcoop/contracts';
import type { CardEligibility } from '@cardcoop/sdk';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';
import { formatMoney } from '../contributions/money';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { IssueForm } from './issue-form';
import { CardStatusBadge } from './labels';

const LIST = { listStyle: 'none' } as const;

/** The card's limits in one line: per purchase, per day, per month (or "no limit"). */
export function LimitsLine({ card }: { card: VirtualCard }) {
  const { t, i18n } = useTranslation('member', { keyPrefix: 'virtualCards.limits' });
  const one = (amount: number | null) =>
    amount === null
      ? t('none')
      : formatMoney({ amount, currency: card.balance.currency }, i18n.language);
  return (
    <Text size="sm" c="dimmed">
      {t('per_transaction')}: {one(card.limits.per_transaction)} · {t('daily')}:{' '}
      {one(card.limits.daily)} · {t('monthly')}: {one(card.limits.monthly)}
    </Text>
  );
}

/** One card in the list: •••• last4, status, balance, limits, top-ups in progress. */
function CardLine({ card }: { card: VirtualCard }) {
  const { t, i18n } = useTranslation('member', { keyPrefix: 'virtualCards' });
  return (
    <Stack component="li" gap={4}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Anchor component={Link} to={`/member/virtual-cards/${card.card_id}`} fw={600}>
          {t('cardName', { last4: card.last4 })}
        </Anchor>
        <Group gap="xs" wrap="nowrap">
          <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
            {formatMoney(card.balance, i18n.language)}
          </Text>
          <CardStatusBadge status={card.status} />
        </Group>
      </Group>
      <LimitsLine card={card} />
      {card.pending_top_ups > 0 && (
        <Text size="sm">{t('pendingTopUps', { count: card.pending_top_ups })}</Text>
      )}
    </Stack>
  );
}

/** Each cooperative: may a card be issued there, or why not in words; the fees. */
function Eligibility({ eligibility }: { eligibility: CardEligibility }) {
  const { t, i18n } = useTranslation('member', { keyPrefix: 'virtualCards.eligibility' });
  const { t: tCard } = useTranslation('id', { keyPrefix: 'card.fields' });
  if (eligibility.items.length === 0) return <Text c="dimmed">{t('none')}</Text>;
  return (
    <Stack component="ul" gap="md" p={0} m={0} style={LIST}>
      {eligibility.items.map((item) => (
        <Stack component="li" key={item.coopname} gap={4}>
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Text fw={600}>{item.display_name}</Text>
            <Text size="sm" fw={600} c={item.eligible ? 'teal.9' : 'dimmed'}>
              {item.eligible ? t('eligible') : t('notEligible')}
            </Text>
          </Group>
          {item.reasons.map((reason) => (
            <Text size="sm" key={reason}>
              {t(`reasons.${reason}` as 'reasons.not_extended', { defaultValue: reason })}
            </Text>
          ))}
          {item.reasons.includes('kyc_not_shared') && item.kyc && (
            <Stack gap={2}>
              <Text size="sm">
                {t('kycFields', {
                  coop: item.kyc.coopname,
                  fields: item.kyc.fields
                    .map((field) => tCard(field as 'first_name', { defaultValue: field }))
                    .join(', '),
                })}
              </Text>
              <Text size="sm">
                {t('kycHow')}{' '}
                <Anchor component={Link} to="/id/access">
                  {t('access')}
                </Anchor>
              </Text>
            </Stack>
          )}
          {item.issue_fee && item.top_up_fee_bps !== null ? (
            <Text size="sm" c="dimmed">
              {t('issueFee', { fee: formatMoney(item.issue_fee, i18n.language) })} ·{' '}
              {t('topUpFee', {
                percent: new Intl.NumberFormat(i18n.language, {
                  style: 'percent',
                  maximumFractionDigits: 2,
                }).format(item.top_up_fee_bps / 10_000),
              })}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('feesUnknown')}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

/** `/member/virtual-cards`: the member's virtual cards, where one may be issued, issuing. */
export function VirtualCardsPage() {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards' });
  usePageTitle(t('title'));
  const member = useMember();
  const loadCards = useCallback(() => member.virtualCards.list(), [member]);
  const cards = useLoaded(loadCards);
  const loadEligibility = useCallback(() => member.virtualCards.eligibility(), [member]);
  const eligibility = useLoaded(loadEligibility);
  const reloadCards = cards.reload;
  const reloadEligibility = eligibility.reload;
  const issued = useCallback(() => {
    reloadCards();
    reloadEligibility();
  }, [reloadCards, reloadEligibility]);

  return (
    <Stack maw={900} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('title')}</Title>
        <Text>{t('lead')}</Text>
      </Stack>
      <HomeSection
        id="virtual-cards-list"
        title={t('title')}
        failed={t('loadFailed')}
        lines={3}
        state={sectionState(cards.state, cards.reload)}
      >
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">{t('none')}</Text>
          ) : (
            <Stack component="ul" gap="md" p={0} m={0} style={LIST}>
              {list.map((card) => (
                <CardLine key={card.card_id} card={card} />
              ))}
            </Stack>
          )
        }
      </HomeSection>
      <HomeSection
        id="virtual-cards-eligibility"
        title={t('eligibility.title')}
        failed={t('eligibility.loadFailed')}
        lines={3}
        state={sectionState(eligibility.state, eligibility.reload)}
      >
        {(value) => {
          const open = value.items.filter((item) => item.eligible);
          return (
            <Stack gap="lg">
              <Eligibility eligibility={value} />
              {open.length > 0 && (
                <Stack gap="xs">
                  <Title order={3} size="h5">
                    {t('issue.title')}
                  </Title>
                  <IssueForm cooperatives={open} onIssued={issued} />
                </Stack>
              )}
            </Stack>
          );
        }}
      </HomeSection>
    </Stack>
  );
}
