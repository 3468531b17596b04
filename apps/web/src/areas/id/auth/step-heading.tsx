import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/**
 * The heading of a step of a flow. A step that replaces another takes focus, so keyboard and
 * screen-reader users land at its start (`focus`); the first step of a page leaves focus alone.
 * Pages own the `<h1>`; steps are `<h2>`, so the forms fit into another page (connect, embed).
 */
export function StepHeading({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <Title order={2} size="h3" ref={ref} tabIndex={-1}>
      {children}
    </Title>
  );
}
