import { Alert, Box, Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { PrivacyPolicy as Policy } from '@cardcoop/contracts';
import { HttpClient, privacyPolicy } from '@cardcoop/sdk';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { ProgressNote } from './progress-note';

const http = new HttpClient({ baseUrl: window.location.origin, refreshTokenCookie: true });

/** The privacy policy in force (`GET /privacy-policy`); its version goes with the consent. */
export function usePrivacyPolicy() {
  return useQuery({
    queryKey: ['privacy-policy'],
    queryFn: (): Promise<Policy> => privacyPolicy(http),
    staleTime: 5 * 60_000,
  });
}

/** The policy's text in the page's language, scrollable, in its own labelled region. */
export function PrivacyPolicy({ query }: { query: ReturnType<typeof usePrivacyPolicy> }) {
  const { t, i18n } = useTranslation('id');
  if (query.isPending) return <ProgressNote text={t('auth.register.policyLoading')} />;
  if (query.isError)
    return (
      <Alert color="red" variant="light" role="alert" title={t('auth.register.policyFailed')}>
        <Button variant="default" size="xs" onClick={() => void query.refetch()}>
          {t('auth.register.policyRetry')}
        </Button>
      </Alert>
    );

  const document = query.data.documents[currentLanguage()];
  const date = new Date(query.data.published_at).toLocaleDateString(i18n.language);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Title order={3} size="h5" id="privacy-policy-title">
          {document.title}
        </Title>
        <Text size="xs" c="dimmed">
          {t('auth.register.policyVersion', { date })}
        </Text>
        {/* Focusable, so the text scrolls from the keyboard too. */}
        <Box
          role="region"
          aria-labelledby="privacy-policy-title"
          tabIndex={0}
          mah={180}
          pr="sm"
          style={{ overflowY: 'auto' }}
        >
          <Stack gap="xs">
            {document.body.split(/\n{2,}/).map((paragraph) => (
              <Text key={paragraph} size="sm">
                {paragraph}
              </Text>
            ))}
          </Stack>
        </Box>
      </Stack>
    </Paper>
  );
}
