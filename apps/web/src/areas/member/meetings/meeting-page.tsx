import {
  Alert,
  Anchor,
  Badge,
  Button,
  DataList,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { Meeting } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { usePageTitle } from '../../../components/use-page-title';
import { useLoaded } from '../../id/card/use-loaded';
import { errorMessage } from '../../id/common/error-message';
import { useMember } from '../../id/session/require-unlocked';
import { Attendance } from './attendance';
import { useMeetingTime } from './meeting-time';

/** A link that opens in a new tab, saying so to screen readers. */
function NewTabLink({ href, children }: { href: string; children: string }) {
  const { t } = useTranslation('member');
  return (
    <Anchor
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      style={{ overflowWrap: 'anywhere' }}
    >
      {children} <VisuallyHidden>{t('meetings.details.newTab')}</VisuallyHidden>
    </Anchor>
  );
}

/** When, where and who organises it, as a list of labelled values. */
function MeetingFacts({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('member');
  const { when, ownZone, date } = useMeetingTime();
  const there = ownZone(meeting);
  return (
    <DataList orientation="vertical" gap="xs">
      <DataList.Item>
        <DataList.ItemLabel>{t('meetings.details.organiser')}</DataList.ItemLabel>
        <DataList.ItemValue>{meeting.display_name}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>{t('meetings.details.when')}</DataList.ItemLabel>
        <DataList.ItemValue>
          <Stack gap={0}>
            <time dateTime={meeting.starts_at}>{when(meeting)}</time>
            {there && <Text size="sm">{t('meetings.details.ownZone', { time: there })}</Text>}
          </Stack>
        </DataList.ItemValue>
      </DataList.Item>
      {meeting.place && (
        <DataList.Item>
          <DataList.ItemLabel>{t('meetings.details.place')}</DataList.ItemLabel>
          <DataList.ItemValue>{meeting.place}</DataList.ItemValue>
        </DataList.Item>
      )}
      {meeting.online_url && (
        <DataList.Item>
          <DataList.ItemLabel>{t('meetings.details.online')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <NewTabLink href={meeting.online_url}>{meeting.online_url}</NewTabLink>
          </DataList.ItemValue>
        </DataList.Item>
      )}
      {meeting.registration_deadline && (
        <DataList.Item>
          <DataList.ItemLabel>{t('meetings.details.deadline')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <time dateTime={meeting.registration_deadline}>
              {date(meeting.registration_deadline)}
            </time>
          </DataList.ItemValue>
        </DataList.Item>
      )}
    </DataList>
  );
}

/** Agenda, documents and description, each only when the cooperative gave it. */
function MeetingContent({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('member');
  return (
    <>
      {meeting.agenda.length > 0 && (
        <Stack component="section" gap="xs" aria-labelledby="meeting-agenda">
          <Title order={2} size="h4" id="meeting-agenda">
            {t('meetings.details.agenda')}
          </Title>
          <ol>
            {meeting.agenda.map((item, index) => (
              <li key={index}>
                <Text fw={600}>{item.title}</Text>
                {item.speaker && (
                  <Text size="sm">{t('meetings.details.speaker', { name: item.speaker })}</Text>
                )}
                {item.description && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {item.description}
                  </Text>
                )}
              </li>
            ))}
          </ol>
        </Stack>
      )}
      {meeting.documents.length > 0 && (
        <Stack component="section" gap="xs" aria-labelledby="meeting-documents">
          <Title order={2} size="h4" id="meeting-documents">
            {t('meetings.details.documents')}
          </Title>
          <ul>
            {meeting.documents.map((document) => (
              <li key={document.url}>
                <NewTabLink href={document.url}>{document.title}</NewTabLink>
              </li>
            ))}
          </ul>
        </Stack>
      )}
      {meeting.description && (
        <Stack component="section" gap="xs" aria-labelledby="meeting-description">
          <Title order={2} size="h4" id="meeting-description">
            {t('meetings.details.description')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{meeting.description}</Text>
        </Stack>
      )}
    </>
  );
}

/** `/member/meetings/:id`: one meeting, and the member's answer to it. */
export function MeetingPage() {
  const { t } = useTranslation('member');
  const { t: tId } = useTranslation('id');
  const { id = '' } = useParams();
  const member = useMember();
  const load = useCallback(() => member.meetings.get(id), [member, id]);
  const { state, reload, set } = useLoaded(load);
  usePageTitle(state.status === 'ready' ? state.value.title : t('meetings.title'));
  const back = (
    <Anchor component={Link} to="/member/meetings">
      {t('meetings.details.back')}
    </Anchor>
  );

  if (state.status === 'loading') return <PageLoader />;
  if (state.status === 'failed') {
    const notFound = state.error instanceof CardCoopError && state.error.code === 'NOT_FOUND';
    return (
      <Stack maw={800} gap="md">
        {back}
        <Alert color="red" role="alert" title={t('meetings.loadFailed')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {notFound ? t('meetings.details.notFound') : errorMessage(state.error, tId)}
            </Text>
            {!notFound && (
              <Button size="xs" variant="default" onClick={reload}>
                {t('meetings.retry')}
              </Button>
            )}
          </Stack>
        </Alert>
      </Stack>
    );
  }
  const meeting = state.value;
  return (
    <Stack maw={800} gap="lg">
      {back}
      <Stack gap="xs">
        <Group gap="xs">
          <Badge variant="light" color="gray">
            {t(`meetings.kind.${meeting.kind}`)}
          </Badge>
          {meeting.cancelled_at && <Badge color="red">{t('meetings.cancelled')}</Badge>}
        </Group>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {meeting.title}
        </Title>
      </Stack>
      {meeting.cancelled_at && (
        <Alert color="red" title={t('meetings.cancelled')}>
          {t('meetings.cancelledBanner')}
        </Alert>
      )}
      <MeetingFacts meeting={meeting} />
      <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
        <Attendance meeting={meeting} onChange={set} onClosed={reload} />
      </Paper>
      <Text size="sm" c="dimmed">
        {t('meetings.details.counts', meeting.attendance)}
      </Text>
      <MeetingContent meeting={meeting} />
    </Stack>
  );
}
