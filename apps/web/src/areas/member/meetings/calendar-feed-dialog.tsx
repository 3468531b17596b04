import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { CardCoopError } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../id/common/error-message';
import { useMember } from '../../id/session/require-unlocked';

/** Where the dialog stands: the URL exists only in `created`, and only until it closes. */
type FeedState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'created'; url: string }
  | { status: 'confirmRevoke' }
  | { status: 'revoked' }
  | { status: 'noFeed' }
  | { status: 'failed'; error: unknown };

/** The new feed URL, shown this once, with Copy and how to subscribe in Google/Apple calendars. */
function CreatedFeed({ url }: { url: string }) {
  const { t } = useTranslation('member');
  return (
    <Stack gap="sm">
      <Alert color="yellow" role="status">
        {t('meetings.feed.shownOnce')}
      </Alert>
      <TextInput
        label={t('meetings.feed.url')}
        value={url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button variant="light" onClick={copy} style={{ alignSelf: 'flex-start' }}>
            {copied ? t('meetings.feed.copied') : t('meetings.feed.copy')}
          </Button>
        )}
      </CopyButton>
      <Text size="sm">{t('meetings.feed.google')}</Text>
      <Text size="sm">{t('meetings.feed.apple')}</Text>
    </Stack>
  );
}

/** "Calendar on your phone": creates (or rotates) and revokes the member's secret iCal feed. */
export function CalendarFeedButton() {
  const { t } = useTranslation('member');
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const [opened, { open, close }] = useDisclosure(false);
  const [state, setState] = useState<FeedState>({ status: 'idle' });
  const busy = state.status === 'busy';

  const run = async (action: () => Promise<FeedState>) => {
    setState({ status: 'busy' });
    try {
      setState(await action());
    } catch (error) {
      setState(
        error instanceof CardCoopError && error.code === 'NOT_FOUND'
          ? { status: 'noFeed' }
          : { status: 'failed', error },
      );
    }
  };
  const create = () =>
    run(async () => ({ status: 'created', url: (await member.meetings.createCalendarFeed()).url }));
  const revoke = () =>
    run(async () => {
      await member.meetings.revokeCalendarFeed();
      return { status: 'revoked' };
    });
  const dismiss = () => {
    close();
    setState({ status: 'idle' }); // the URL is not kept once the dialog closes
  };

  return (
    <>
      <Button variant="default" onClick={open}>
        {t('meetings.feed.open')}
      </Button>
      <Modal opened={opened} onClose={dismiss} title={t('meetings.feed.title')} size="lg">
        <Stack gap="md">
          <Text size="sm">{t('meetings.feed.text')}</Text>
          {state.status === 'created' && <CreatedFeed url={state.url} />}
          {state.status === 'revoked' && <Alert role="status">{t('meetings.feed.revoked')}</Alert>}
          {state.status === 'noFeed' && <Alert role="status">{t('meetings.feed.noFeed')}</Alert>}
          {state.status === 'failed' && (
            <Alert color="red" role="alert">
              {errorMessage(state.error, tId)}
            </Alert>
          )}
          {state.status === 'confirmRevoke' ? (
            <Stack gap="sm" role="group" aria-labelledby="feed-revoke-title">
              <Text fw={600} id="feed-revoke-title">
                {t('meetings.feed.revokeTitle')}
              </Text>
              <Text size="sm">{t('meetings.feed.revokeText')}</Text>
              <Group gap="sm">
                <Button color="red" onClick={() => void revoke()}>
                  {t('meetings.feed.revokeConfirm')}
                </Button>
                <Button variant="default" onClick={() => setState({ status: 'idle' })}>
                  {t('meetings.feed.cancel')}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('meetings.feed.rotateNote')}
              </Text>
              <Group gap="sm">
                <Button loading={busy} onClick={() => void create()}>
                  {state.status === 'created'
                    ? t('meetings.feed.rotate')
                    : t('meetings.feed.create')}
                </Button>
                <Button
                  variant="default"
                  color="red"
                  disabled={busy}
                  onClick={() => setState({ status: 'confirmRevoke' })}
                >
                  {t('meetings.feed.revoke')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Modal>
    </>
  );
}
