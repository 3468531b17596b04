import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { CardCoopError } from '@cardcoop/sdk';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../id/common/error-message';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';
import { completenessOf } from '../completeness';
import { useReloadOn } from '../contributions/use-reload-on';
import { CARD_LOW_PERCENT, useSuggestionText } from './recommendation-text';
import type { SuggestionView } from './recommendation-text';

/** A new notice may bring a suggestion (a contribution, a meeting, a confirmed membership). */
const EVENTS = ['notification', 'card.changed'] as const;
const LIST = { listStyle: 'none' } as const;

/**
 * The home's "Recommendations": the server's suggestions and the card's own rule, which only
 * this browser can judge (the card is decrypted here; only its percentage leaves `load`). Each
 * can be hidden for good, on every device. Hidden while loading, on failure and when empty.
 */
export function RecommendationsGlance() {
  const { t } = useTranslation('member', { keyPrefix: 'recommendations' });
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const words = useSuggestionText();
  const heading = useRef<HTMLHeadingElement>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<unknown>(null);
  const load = useCallback(async () => {
    const [list, card] = await Promise.all([
      member.recommendations.list(),
      member.card.get().catch((error: unknown) => {
        if (error instanceof CardCoopError && error.code === 'NOT_FOUND') return null;
        throw error;
      }),
    ]);
    return { list, percent: card && completenessOf(card.data).percent };
  }, [member]);
  const { state, reload } = useLoaded(load);
  useReloadOn(EVENTS, reload);

  const dismiss = async (item: SuggestionView) => {
    setFailure(null);
    try {
      await member.recommendations.dismiss(item.id);
      setHidden((before) => new Set(before).add(item.id));
      heading.current?.focus();
    } catch (error) {
      setFailure(error);
    }
  };

  if (state.status !== 'ready') return null;
  const { list, percent } = state.value;
  const cardRule =
    !list.dismissed.includes('card-incomplete') && (percent === null || percent < CARD_LOW_PERCENT)
      ? [words.card(percent)]
      : [];
  const items = [...cardRule, ...list.recommendations.map(words.server)].filter(
    (item) => !hidden.has(item.id),
  );
  if (items.length === 0) return null;

  return (
    <Paper
      component="section"
      aria-labelledby="home-recommendations-title"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="home-recommendations-title" ref={heading} tabIndex={-1}>
          {t('title')}
        </Title>
        {failure !== null && (
          <Alert color="red" role="alert">
            {t('hideFailed', { reason: errorMessage(failure, tId) })}
          </Alert>
        )}
        <Stack component="ul" gap="sm" p={0} m={0} style={LIST}>
          {items.map((item) => (
            <Group
              component="li"
              key={item.id}
              justify="space-between"
              align="center"
              gap="xs"
              wrap="wrap"
            >
              <Text flex="1 1 16rem">{item.text}</Text>
              <Group gap="xs" wrap="nowrap">
                <Button component={Link} to={item.action.to} size="xs">
                  {item.action.label}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="gray"
                  aria-label={t('hideLabel', { text: item.text })}
                  onClick={() => void dismiss(item)}
                >
                  {t('hide')}
                </Button>
              </Group>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
