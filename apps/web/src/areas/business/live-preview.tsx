import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connectUrl, startShare } from './coop-tools';

const POPUP_FEATURES = 'popup,width=480,height=720';

/** The connect page as the member would see it, for the cooperative's registered addresses. */
async function previewUrl(coopname: string, redirectUri: string): Promise<string> {
  const started = await startShare({ redirectUri });
  return connectUrl({ baseUrl: window.location.origin, coopname, started });
}

/** The embed route for an origin of the cooperative (framed only by its registered origins). */
async function embedUrl(coopname: string, origin: string, lang: string): Promise<string> {
  const started = await startShare({ redirectUri: origin });
  const params = new URLSearchParams({
    coopname,
    redirect_uri: origin,
    state: started.state,
    code_challenge: started.codeChallenge,
    code_challenge_method: 'S256',
    lang,
  });
  return `/id/embed?${params}`;
}

/**
 * Live preview of the three modes against the cooperative's own settings: the redirect page in
 * a new tab, the same page in a popup window, and the iframe here when card.coop's own origin is
 * one the cooperative registered (the embed refuses any other framing page).
 */
export function LivePreview({
  coopname,
  origins,
  redirectUris,
}: {
  coopname: string;
  origins: string[];
  redirectUris: string[];
}) {
  const { t, i18n } = useTranslation('business');
  const [busy, setBusy] = useState<'redirect' | 'popup' | 'iframe'>();
  const [blocked, setBlocked] = useState(false);
  const [frame, setFrame] = useState<string>();
  const redirectUri = redirectUris[0];
  const here = window.location.origin;
  const frameable = origins.includes(here);

  const open = async (mode: 'redirect' | 'popup') => {
    if (!redirectUri) return;
    setBusy(mode);
    setBlocked(false);
    // Opened before the await: a window opened later is no longer tied to the click.
    const target = window.open(
      '',
      mode === 'popup' ? 'cardcoop-preview' : '_blank',
      mode === 'popup' ? POPUP_FEATURES : undefined,
    );
    try {
      const url = await previewUrl(coopname, redirectUri);
      if (target) {
        target.opener = null;
        target.location.href = url;
      } else setBlocked(true);
    } finally {
      setBusy(undefined);
    }
  };
  const showFrame = async () => {
    setBusy('iframe');
    try {
      setFrame(await embedUrl(coopname, here, i18n.language));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Paper
      component="section"
      aria-labelledby="preview-title"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="preview-title">
          {t('help.preview.title')}
        </Title>
        <Text size="sm">{t('help.preview.text')}</Text>
        {redirectUri ? (
          <Group gap="sm">
            <Button
              variant="default"
              loading={busy === 'redirect'}
              onClick={() => void open('redirect')}
            >
              {t('help.preview.redirect')}
            </Button>
            <Button variant="default" loading={busy === 'popup'} onClick={() => void open('popup')}>
              {t('help.preview.popup')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('help.preview.noRedirect')}</Text>
        )}
        {blocked && (
          <Alert color="yellow" role="alert">
            {t('help.preview.popupBlocked')}
          </Alert>
        )}
        <Title order={3} size="h5">
          {t('help.preview.iframe')}
        </Title>
        {!frameable ? (
          <Text size="sm">{t('help.preview.iframeBlocked', { origin: here })}</Text>
        ) : frame ? (
          <iframe
            src={frame}
            title={t('help.preview.iframeTitle', { coopname })}
            style={{
              width: '100%',
              maxWidth: 480,
              height: 640,
              border: '1px solid var(--mantine-color-default-border)',
            }}
          />
        ) : (
          <div>
            <Button variant="default" loading={busy === 'iframe'} onClick={() => void showFrame()}>
              {t('help.preview.iframe')}
            </Button>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
