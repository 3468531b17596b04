import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

interface StepHeadingProps {
  children: ReactNode;
  /** A step that replaces another takes focus; the first step of a page leaves focus alone. */
  focus?: boolean;
  /** Pages own the `<h1>`; steps are `<h2>`, or `<h3>` inside a section with its own `<h2>`. */
  order?: 2 | 3;
}

/**
 * The heading of a step of a flow. Taking focus when it appears lands keyboard and screen-reader
 * users at the start of the new step instead of on a removed button.
 */
export function StepHeading({ children, focus = true, order = 2 }: StepHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <Title order={order} size={order === 2 ? 'h3' : 'h4'} ref={ref} tabIndex={-1}>
      {children}
    </Title>
  );
}
