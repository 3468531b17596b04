import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../../components/use-page-title';
import { useCoop } from './coop-context';

/** One section of a cooperative's panel: its heading (the page's h1), a lead line, its content. */
export function SectionPage({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: string;
  children?: ReactNode;
}) {
  const coop = useCoop();
  usePageTitle(`${title} · ${coop.display_name}`);
  return (
    <Stack gap="lg" mt="sm">
      <Stack gap="xs">
        <Title order={1}>{title}</Title>
        {lead && <Text maw={760}>{lead}</Text>}
      </Stack>
      {children}
    </Stack>
  );
}
