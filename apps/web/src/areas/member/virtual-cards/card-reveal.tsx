import { CopyIcon } from '../../../components/icons';
import { ActionIcon, Alert, Anchor, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { CardDetails } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { serverError } from '../../../components/server-error';
import { actionError, useStepUp } from '../../../components/step-up';
import { ProgressNote } from '../../id/auth/progress-note';
import { useMember } from '../../id/session/require-unlocked';

/** How long the details stay on screen. */
export const REVEAL_SECONDS = 60;

/** `4000001234564242` → `4000 0012 3456 4242`. */
export const groupPan = (pan: string) => pan.replace(/(\d{4})(?=\d)/g, '$1 ');

/** One detail with a button that copies it (navigator.clipboard). */
function DetailRow({ label, shown, value }: { label: string; shown: string; value: string }) {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards.reveal' });
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(undefined), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);
  const tip = copied === 'yes' ? t('copied') : copied === 'failed' ? t('copyFailed') : undefined;
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Stack gap={0} miw={0}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text
          ff="monospace"
          fz="lg"
          style={{ overflowWrap: 'anywhere' }}
          data-testid={`reveal-${label}`}
        >
          {shown}
        </Text>
      </Stack>
      <Tooltip label={tip} opened={tip !== undefined} withArrow>
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => void copy()}
          aria-label={t('copy', { field: label })}
        >
          <CopyIcon copied={copied === 'yes'} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/**
 * The card's number, expiry, CVV and holder, fetched live after a step-up (the shared dialog
 * asks for the app's or a backup code when the server answers STEP_UP_REQUIRED). Kept in this
 * component's state only — never in the query cache or storage — and dropped after
 * {@link REVEAL_SECONDS}, on "hide now" and when the screen goes.
 */
export function CardReveal({ cardId }: { cardId: string }) {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards.reveal' });
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const { guard, dialog } = useStepUp({ stepUp: (input) => member.stepUp(input) });
  const [details, setDetails] = useState<CardDetails>();
  const [hideAt, setHideAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<'two-factor' | string>();
  const [hidden, setHidden] = useState(false);

  useEffect(() => {
    if (!details) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= hideAt) {
        setDetails(undefined);
        setHidden(true);
      }
    }, 250);
    return () => clearInterval(timer);
  }, [details, hideAt]);
  // A different card, or leaving the screen: nothing of the last one stays.
  useEffect(() => () => setDetails(undefined), [cardId]);

  const reveal = async () => {
    setBusy(true);
    setError(undefined);
    setHidden(false);
    try {
      const shown = await guard(() => member.virtualCards.details(cardId));
      const start = Date.now();
      setNow(start);
      setHideAt(start + REVEAL_SECONDS * 1_000);
      setDetails(shown);
    } catch (failure) {
      if (failure instanceof CardCoopError && failure.code === 'TWO_FACTOR_REQUIRED')
        setError('two-factor');
      else setError(actionError(failure, (e) => serverError(e, tId)));
    } finally {
      setBusy(false);
    }
  };
  const hide = () => {
    setDetails(undefined);
    setHidden(true);
  };
  const left = Math.max(0, Math.ceil((hideAt - now) / 1_000));

  return (
    <Stack gap="sm">
      {details ? (
        <Stack gap="xs">
          <DetailRow label={t('pan')} shown={groupPan(details.pan)} value={details.pan} />
          <Group gap="lg" wrap="wrap">
            <DetailRow label={t('expiry')} shown={details.expiry} value={details.expiry} />
            <DetailRow label={t('cvv')} shown={details.cvv} value={details.cvv} />
          </Group>
          <DetailRow label={t('holder')} shown={details.holder_name} value={details.holder_name} />
          <Group gap="sm" wrap="wrap">
            <Text size="sm" role="timer" aria-live="off">
              {t('hideIn', { count: left })}
            </Text>
            <Button variant="default" size="xs" onClick={hide}>
              {t('hide')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('hint')}</Text>
          {hidden && (
            <Text size="sm" role="status">
              {t('hidden')}
            </Text>
          )}
          <Button onClick={() => void reveal()} loading={busy}>
            {t('show')}
          </Button>
        </Stack>
      )}
      <ProgressNote text={busy ? t('loading') : undefined} />
      {error === 'two-factor' ? (
        <Alert color="blue" role="alert">
          <Stack gap={4}>
            <Text size="sm">{t('twoFactor')}</Text>
            <Anchor component={Link} to="/id/security" size="sm">
              {t('security')}
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )
      )}
      {dialog}
    </Stack>
  );
}
