import { Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A long step of the connect flow, announced to screen readers as it changes. */
export function FlowProgress({ children }: { children: ReactNode }) {
  return (
    <Group role="status" aria-live="polite" gap="sm" py="md" wrap="nowrap">
      <Loader size="sm" aria-hidden="true" />
      <Text>{children}</Text>
    </Group>
  );
}
