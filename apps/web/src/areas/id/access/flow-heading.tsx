import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/**
 * The heading of a connect step. A step replaces the previous one, so its heading takes the
 * focus when it appears: keyboard and screen reader users land on the new step.
 */
export function FlowHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Title order={2} size="h3" ref={ref} tabIndex={-1}>
      {children}
    </Title>
  );
}
