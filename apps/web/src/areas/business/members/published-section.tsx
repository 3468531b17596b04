import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PublishedMeetings } from './published-meetings';
import { PublishedPayments } from './published-payments';

/** What the cooperative published — meetings and payment requests — for every staff role. */
export function PublishedSection({
  coopname,
  canChange,
}: {
  coopname: string;
  canChange: boolean;
}) {
  const { t } = useTranslation('business');
  return (
    <Stack component="section" aria-labelledby="members-published" gap="sm">
      <Title order={2} size="h4" id="members-published">
        {t('members.published.title')}
      </Title>
      <Text size="sm">{t('members.published.lead')}</Text>
      <Stack component="section" aria-labelledby="members-published-meetings" gap="xs">
        <Title order={3} size="h5" id="members-published-meetings">
          {t('members.published.meetings')}
        </Title>
        <PublishedMeetings coopname={coopname} canChange={canChange} />
      </Stack>
      <Stack component="section" aria-labelledby="members-published-requests" gap="xs">
        <Title order={3} size="h5" id="members-published-requests">
          {t('members.published.requests')}
        </Title>
        <PublishedPayments coopname={coopname} canChange={canChange} />
      </Stack>
    </Stack>
  );
}
