import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { finishTour, tourPending } from './tour-store';

const STEPS = ['card', 'kit', 'sharing', 'security'] as const;

/**
 * The first-run tour on the home: what the card is, why the Recovery Kit matters, how sharing
 * and revoking work, and security, a step at a time. Shown until finished or skipped on this
 * device; Help replays it. It sits in the page (not over it), so nothing else is blocked.
 */
export function Tour({ onEnd }: { onEnd: () => void }) {
  const { t } = useTranslation('member');
  const [shown, setShown] = useState(tourPending);
  const [step, setStep] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  // Moving between steps keeps the focus on what changed: the step's heading.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [step]);
  if (!shown) return null;

  const key = STEPS[step] ?? 'card';
  const last = step === STEPS.length - 1;
  const go = (to: number) => {
    moved.current = true;
    setStep(to);
  };
  const end = () => {
    finishTour();
    setShown(false);
    onEnd();
  };

  return (
    <Paper
      component="section"
      aria-label={t('tour.label')}
      withBorder
      p={{ base: 'sm', sm: 'lg' }}
      bg="var(--mantine-primary-color-light)"
    >
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t('tour.label')} · {t('tour.step', { step: step + 1, total: STEPS.length })}
        </Text>
        <Title order={2} size="h3" ref={heading} tabIndex={-1}>
          {t(`tour.${key}.title`)}
        </Title>
        <Text>{t(`tour.${key}.text`)}</Text>
        <Group justify="space-between" gap="xs">
          <Button variant="subtle" onClick={end}>
            {t('tour.skip')}
          </Button>
          <Group gap="xs">
            {step > 0 && (
              <Button variant="default" onClick={() => go(step - 1)}>
                {t('tour.back')}
              </Button>
            )}
            <Button onClick={last ? end : () => go(step + 1)}>
              {last ? t('tour.done') : t('tour.next')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
