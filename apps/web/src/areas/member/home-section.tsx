import { Alert, Anchor, Button, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../id/common/error-message';

/** What a section of the home shows: its data, a placeholder while it loads, or its failure. */
export type SectionState<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown; retry: () => void }
  | { status: 'ready'; value: T };

interface HomeSectionProps<T> {
  id: string;
  title: string;
  /** The page that shows it all, linked under the section. */
  more?: { to: string; label: string };
  /** Heading of the failure, e.g. "The card did not load". */
  failed: string;
  /** Lines the placeholder takes while it loads, about the height of the content. */
  lines: number;
  state: SectionState<T>;
  children: (value: T) => ReactNode;
}

/**
 * One section of the home: its own placeholder and its own failure with a retry, so a section
 * that fails leaves the others usable.
 */
export function HomeSection<T>({
  id,
  title,
  more,
  failed,
  lines,
  state,
  children,
}: HomeSectionProps<T>) {
  const { t } = useTranslation('member');
  const { t: tId } = useTranslation('id');
  const heading = `${id}-title`;
  return (
    <Paper component="section" aria-labelledby={heading} withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={heading}>
          {title}
        </Title>
        {state.status === 'loading' && (
          <Stack gap="xs" role="status" aria-label={t('home.loading')}>
            {Array.from({ length: lines }, (_, line) => (
              <Skeleton key={line} height={20} width={line === lines - 1 ? '60%' : '100%'} />
            ))}
          </Stack>
        )}
        {state.status === 'failed' && (
          <Alert color="red" role="alert" title={failed}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{errorMessage(state.error, tId)}</Text>
              <Button size="xs" variant="default" onClick={state.retry}>
                {t('home.retry')}
              </Button>
            </Stack>
          </Alert>
        )}
        {state.status === 'ready' && children(state.value)}
        {more && (
          <Anchor component={Link} to={more.to} size="sm">
            {more.label}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
