import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { VirtualCard } from '@cardcoop/contracts';
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';
import { formatMoney } from '../contributions/money';
import { useReloadOn } from '../contributions/use-reload-on';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { FreezeControl, LimitsForm } from './card-controls';
import { CardReveal } from './card-reveal';
import { CardTransactions } from './card-transactions';
import { CardStatusBadge } from './labels';
import { TopUpForm } from './top-up-form';
import { LimitsLine } from './virtual-cards-page';

/** A card's news reaches the member as a notification (virtual_card.*). */
const CARD_EVENTS = ['notification'] as const;

/** A titled panel of the card page. */
function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The card's state and every action on it. */
function CardScreen({
  card,
  set,
  reload,
}: {
  card: VirtualCard;
  set: (card: VirtualCard) => void;
  reload: () => Promise<VirtualCard>;
}) {
  const { t, i18n } = useTranslation('member', { keyPrefix: 'virtualCards' });
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => {
    setVersion((n) => n + 1);
    void reload().catch(() => undefined);
  }, [reload]);
  // A purchase, a settled top-up, a freeze elsewhere: each notifies the member in real time.
  useReloadOn(CARD_EVENTS, changed);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('balance')}
          </Text>
          <Text fw={700} fz="xl" data-testid="virtual-card-balance">
            {formatMoney(card.balance, i18n.language)}
          </Text>
          <CardStatusBadge status={card.status} />
        </Group>
        <LimitsLine card={card} />
        {card.pending_top_ups > 0 && (
          <Text size="sm">{t('pendingTopUps', { count: card.pending_top_ups })}</Text>
        )}
      </Stack>
      <Panel id="virtual-card-reveal" title={t('reveal.title')}>
        <CardReveal cardId={card.card_id} />
      </Panel>
      <Panel id="virtual-card-top-up" title={t('topUp.title')}>
        <TopUpForm card={card} onSettled={changed} />
      </Panel>
      <Panel id="virtual-card-freeze" title={`${t('freeze.freeze')} / ${t('freeze.unfreeze')}`}>
        <FreezeControl
          card={card}
          onChanged={(next) => {
            set(next);
            setVersion((n) => n + 1);
          }}
        />
      </Panel>
      <Panel id="virtual-card-limits" title={t('limits.title')}>
        <LimitsForm card={card} onSaved={set} reload={reload} />
      </Panel>
      <CardTransactions cardId={card.card_id} version={version} />
    </Stack>
  );
}

/** `/member/virtual-cards/:id`: one virtual card — details, top-up, freeze, limits, transactions. */
export function VirtualCardPage() {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards' });
  const { id = '' } = useParams();
  const member = useMember();
  const load = useCallback(() => member.virtualCards.get(id), [member, id]);
  const { state, reload, set } = useLoaded(load);
  const fresh = useCallback(async () => {
    const card = await member.virtualCards.get(id);
    set(card);
    return card;
  }, [member, id, set]);
  const title = state.status === 'ready' ? t('cardName', { last4: state.value.last4 }) : t('title');
  usePageTitle(title);
  return (
    <Stack maw={900} gap="lg">
      <Anchor component={Link} to="/member/virtual-cards" size="sm">
        ← {t('back')}
      </Anchor>
      <Title order={1}>{title}</Title>
      <HomeSection
        id="virtual-card"
        title={t('summary')}
        failed={t('loadFailed')}
        lines={4}
        state={sectionState(state, reload)}
      >
        {(card) => <CardScreen card={card} set={set} reload={fresh} />}
      </HomeSection>
    </Stack>
  );
}
