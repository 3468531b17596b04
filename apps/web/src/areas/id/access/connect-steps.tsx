import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { errorMessage } from '../common/error-message';
import { StepHeading } from '../common/step-heading';

// Its label is long: it wraps rather than run out of a narrow iframe.
const WRAPPING = {
  root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: 6 },
  label: { whiteSpace: 'normal', lineHeight: 1.3 },
} as const;

/** Ends the request without sharing: the cooperative hears `access_denied`, nothing else. */
export function DeclineButton({ onDecline }: { onDecline: () => void }) {
  const { t } = useTranslation('id');
  return (
    <Button
      variant="subtle"
      onClick={onDecline}
      style={{ alignSelf: 'flex-start' }}
      styles={WRAPPING}
    >
      {t('access.connect.cancel')}
    </Button>
  );
}

interface NoCardStepProps {
  /** In the cooperative's iframe the card page opens in a new tab, and the member comes back. */
  embedded: boolean;
  onRetry: () => void;
  onDecline: () => void;
}

/** Nothing to share before the member issues a card: off to the card page, then back here. */
export function NoCardStep({ embedded, onRetry, onDecline }: NoCardStepProps) {
  const { t } = useTranslation('id');
  const { pathname, search } = useLocation();
  const next = new URLSearchParams({ next: `${pathname}${search}` });
  return (
    <Stack align="stretch">
      <StepHeading>{t('access.noCard.heading')}</StepHeading>
      <Text>{t(embedded ? 'access.noCard.embedText' : 'access.noCard.text')}</Text>
      <Group gap="sm">
        {embedded ? (
          <>
            <Anchor href="/id/card" target="_blank" rel="noopener noreferrer">
              {t('access.noCard.createInNewTab')}
            </Anchor>
            <Button variant="default" onClick={onRetry}>
              {t('access.noCard.retry')}
            </Button>
          </>
        ) : (
          <Button component={Link} to={`/id/card?${next}`}>
            {t('access.noCard.create')}
          </Button>
        )}
      </Group>
      <DeclineButton onDecline={onDecline} />
    </Stack>
  );
}

/** The cooperative takes data from confirmed members only, and this member is not one. */
export function NotMemberStep({
  cooperative,
  onDecline,
}: {
  cooperative: string;
  onDecline: () => void;
}) {
  const { t } = useTranslation('id');
  return (
    <Stack>
      <StepHeading>{t('access.notMember.heading')}</StepHeading>
      <Text>{t('access.notMember.text', { cooperative })}</Text>
      <DeclineButton onDecline={onDecline} />
    </Stack>
  );
}

interface FailedStepProps {
  error: unknown;
  onRetry: () => void;
  onDecline: () => void;
}

/** Preparing failed (the cooperative's key did not verify, the network, …): say why, offer again. */
export function FailedStep({ error, onRetry, onDecline }: FailedStepProps) {
  const { t } = useTranslation('id');
  return (
    <Stack>
      <StepHeading>{t('access.failed.heading')}</StepHeading>
      <Alert color="red" role="alert">
        {errorMessage(error, t)}
      </Alert>
      <Group gap="sm">
        <Button variant="default" onClick={onRetry}>
          {t('access.failed.retry')}
        </Button>
        <DeclineButton onDecline={onDecline} />
      </Group>
    </Stack>
  );
}
