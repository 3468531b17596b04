import { Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { ReactNode, Ref } from 'react';

interface SecuritySectionProps {
  /** The section's anchor in the page (`/id/security#<id>`). */
  id?: string;
  title: string;
  description?: string;
  /** For a section with steps: its heading takes the focus back when a step is left. */
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}

/** One part of the security page: a landmark named by its heading. */
export function SecuritySection({
  id,
  title,
  description,
  headingRef,
  children,
}: SecuritySectionProps) {
  const headingId = useId();
  return (
    <Paper
      component="section"
      id={id}
      aria-labelledby={headingId}
      withBorder
      p={{ base: 'md', sm: 'lg' }}
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Title
            order={2}
            size="h3"
            id={headingId}
            ref={headingRef}
            tabIndex={headingRef ? -1 : undefined}
          >
            {title}
          </Title>
          {description && <Text c="dimmed">{description}</Text>}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}
