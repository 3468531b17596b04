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

/** What the member types into: not a checkbox, a radio button or anything switched off. */
const TYPED_INPUT =
  'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]):not(:disabled), textarea:not(:disabled)';

/**
 * The heading of a step of a flow. When the step appears, focus moves to its first field (its
 * form, or else what the heading sits in), so the member types on at once (a code right after
 * the password); a step with nothing to type focuses the heading, which lands keyboard and
 * screen-reader users at its start instead of on a removed button.
 */
export function StepHeading({ children, focus = true, order = 2 }: StepHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current;
    if (!focus || !heading) return;
    const step = heading.closest('form') ?? heading.parentElement;
    (step?.querySelector<HTMLElement>(TYPED_INPUT) ?? heading).focus();
  }, [focus]);
  return (
    <Title order={order} size={order === 2 ? 'h3' : 'h4'} ref={ref} tabIndex={-1}>
      {children}
    </Title>
  );
}
