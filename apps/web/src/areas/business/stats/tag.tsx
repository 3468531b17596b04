import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A small outlined status tag in a dark shade (readable on the page in both schemes), for the
 * statistics' "live" mark and the members' states.
 */
export function Tag({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Text
      span
      size="xs"
      fw={700}
      c={color}
      style={{
        border: '1px solid currentColor',
        borderRadius: 999,
        padding: '0 10px',
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </Text>
  );
}
