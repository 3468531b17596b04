import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../../../components/use-page-title';

/** The frame of a signed-out page: its `<h1>` and a narrow card that fits 360 px. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Paper withBorder p={{ base: 'md', xs: 'lg' }} maw={520} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
