import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectDone } from './connect-done';
import type { Delivery } from './connect-done';
import { ConnectFlow } from './connect-flow';
import type { ConnectOutcome } from './connect-outcome';
import { ConnectRefusal } from './connect-refusal';
import type { RefusalReason } from './connect-refusal';
import type { ConnectRequest, ParsedConnectRequest } from './connect-request';
import { useConnectTarget } from './connect-target';
import { FlowProgress } from './flow-progress';
import { useFrameHeight } from './frame-height';

interface ConnectGateProps {
  parsed: ParsedConnectRequest;
  delivery: Delivery;
  /** Refused before the server is asked (no window to answer to). */
  blocked?: Extract<RefusalReason, { kind: 'no-opener' | 'not-framed' }> | undefined;
  /** Hands the outcome to the cooperative; called once. */
  deliver: (request: ConnectRequest, outcome: ConnectOutcome) => void;
}

/**
 * The connect request checked before the member is asked for anything: its parameters here,
 * then with the server that the cooperative registered its return address (or origin). Only
 * then sign-in, consent and sharing; the outcome goes to the cooperative exactly once. In its
 * iframe, the page's height goes to the cooperative's page too (at the confirmed origin only).
 */
export function ConnectGate({ parsed, delivery, blocked, deliver }: ConnectGateProps) {
  const { t } = useTranslation('id');
  const request = parsed.ok && !blocked ? parsed.request : undefined;
  const target = useConnectTarget(request);
  const [outcome, setOutcome] = useState<ConnectOutcome>();
  const embedded = delivery === 'embed';
  // The iframe reports its height to the cooperative's page, once its origin is confirmed.
  const confirmed = request && target.isSuccess ? request.redirectUri : undefined;
  useFrameHeight(window.parent, embedded ? confirmed : undefined);

  const refusal: RefusalReason | undefined = !parsed.ok
    ? { kind: 'params', invalid: parsed.invalid }
    : (blocked ??
      (target.isError
        ? { kind: 'target', error: target.error, request: parsed.request }
        : undefined));
  if (refusal) {
    return <ConnectRefusal reason={refusal} embedded={embedded} onRetry={target.refetch} />;
  }
  if (!request || !target.isSuccess) {
    return <FlowProgress>{t('access.connect.checking')}</FlowProgress>;
  }

  const finish = (result: ConnectOutcome) => {
    setOutcome(result);
    deliver(request, result);
  };
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size={embedded ? 'h3' : undefined}>
          {t('access.connect.heading')}
        </Title>
        <Text size="lg" fw={600} mt={4}>
          {target.data.display_name}
        </Text>
        {!outcome && <Text mt="xs">{t('access.connect.lead')}</Text>}
      </div>
      {outcome ? (
        <ConnectDone outcome={outcome} delivery={delivery} />
      ) : (
        <ConnectFlow
          request={request}
          target={target.data}
          embedded={embedded}
          onOutcome={finish}
        />
      )}
    </Stack>
  );
}
