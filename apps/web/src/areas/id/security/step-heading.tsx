import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/**
 * The heading of a step that replaced the previous one: takes the focus when it appears, so a
 * keyboard or screen reader user lands on the new step instead of on a removed button.
 */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Title order={3} size="h4" ref={ref} tabIndex={-1}>
      {children}
    </Title>
  );
}
