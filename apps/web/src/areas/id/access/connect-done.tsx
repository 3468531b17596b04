import { Loader, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConnectOutcome } from './connect-outcome';
import { StepHeading } from '../common/step-heading';

/** Where the outcome went: back by redirect, to the opener of a popup, to the iframe's parent. */
export type Delivery = 'redirect' | 'popup' | 'embed';

/** After the ticket or the refusal went to the cooperative. */
export function ConnectDone({
  outcome,
  delivery,
}: {
  outcome: ConnectOutcome;
  delivery: Delivery;
}) {
  const { t } = useTranslation('id');
  const shared = 'ticket' in outcome;
  return (
    <Stack>
      <StepHeading>{t(shared ? 'access.done.shared' : 'access.done.declined')}</StepHeading>
      <Group role="status" gap="sm" wrap="nowrap">
        {delivery === 'redirect' && <Loader size="sm" aria-hidden="true" />}
        <Text>{t(`access.done.${delivery}`)}</Text>
      </Group>
    </Stack>
  );
}
