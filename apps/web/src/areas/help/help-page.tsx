import { Anchor, Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import { useSignedInEmail } from '../id/session/signed-in-email';
import { replayTour } from '../member/tour-store';
import { TOPICS } from './topics';

/**
 * `/help`: the help centre, answers to the common questions with an anchor each (the "?" of
 * every screen links to its answer), and the first-run tour to replay.
 */
export function HelpPage() {
  const { t } = useTranslation('help');
  usePageTitle(t('title'));
  const { hash } = useLocation();
  const navigate = useNavigate();
  const signedIn = useSignedInEmail() !== undefined;

  // The router does not follow `#anchor`: the answer scrolls into view and takes the focus.
  useEffect(() => {
    const target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }, [hash]);

  return (
    <Stack maw={760} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('title')}</Title>
        <Text>{t('lead')}</Text>
      </Stack>
      <Paper component="nav" aria-labelledby="help-contents" withBorder p="md">
        <Title order={2} size="h4" id="help-contents" mb="xs">
          {t('contents')}
        </Title>
        <List spacing={4}>
          {TOPICS.map(({ key, anchor }) => (
            <List.Item key={key}>
              <Anchor component={Link} to={`#${anchor}`}>
                {t(`topics.${key}.question`)}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Paper>
      {TOPICS.map(({ key, anchor }) => (
        <Stack component="section" key={key} gap="xs" aria-labelledby={anchor}>
          <Title order={2} size="h3" id={anchor} tabIndex={-1} style={{ scrollMarginTop: 72 }}>
            {t(`topics.${key}.question`)}
          </Title>
          <Text>{t(`topics.${key}.answer`)}</Text>
        </Stack>
      ))}
      {signedIn && (
        <Paper component="section" aria-labelledby="help-tour" withBorder p="md">
          <Stack gap="xs" align="flex-start">
            <Title order={2} size="h4" id="help-tour">
              {t('tour.title')}
            </Title>
            <Text>{t('tour.text')}</Text>
            <Button
              variant="light"
              onClick={() => {
                replayTour();
                void navigate('/member');
              }}
            >
              {t('tour.replay')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
