import { Alert, Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConnectionTest } from './connection-test/connection-test';
import { useCoop } from './coop-context';
import { CopyBlock } from './copy-block';
import { LivePreview } from './live-preview';
import { SectionPage } from './section-page';
import { exchangeSnippet, redirectSnippet, widgetSnippet } from './snippets';
import type { SnippetContext } from './snippets';
import { useIntegrationAddresses } from './use-integration-addresses';

/**
 * `/business/:coopname/help`: copy-paste snippets filled with the cooperative's name and
 * addresses, links to the API reference, and a live preview of the three modes.
 */
export function HelpPage() {
  const { t } = useTranslation('business');
  const coop = useCoop();
  const addresses = useIntegrationAddresses(coop.coopname);
  const context: SnippetContext = {
    baseUrl: window.location.origin,
    coopname: coop.coopname,
    origin: addresses?.origins[0] ?? 'https://coop.example',
    redirectUri: addresses?.redirect_uris[0] ?? 'https://coop.example/cardcoop/callback',
  };
  return (
    <SectionPage title={t('help.title')} lead={t('help.lead', { coopname: coop.coopname })}>
      <div>
        <Anchor href="/api/docs" target="_blank" rel="noopener">
          {t('help.apiDocs')}
        </Anchor>
      </div>
      <ConnectionTest />
      {!addresses && <Alert color="gray">{t('help.settingsMissing')}</Alert>}
      <Stack gap="md">
        <CopyBlock
          id="snippet-widget"
          title={t('help.widget.title')}
          text={t('help.widget.text')}
          code={widgetSnippet(context)}
        />
        <CopyBlock
          id="snippet-redirect"
          title={t('help.redirect.title')}
          text={t('help.redirect.text')}
          code={redirectSnippet(context)}
        />
        <CopyBlock
          id="snippet-exchange"
          title={t('help.exchange.title')}
          text={t('help.exchange.text')}
          code={exchangeSnippet(context)}
        />
        <LivePreview
          coopname={coop.coopname}
          origins={addresses?.origins ?? []}
          redirectUris={addresses?.redirect_uris ?? []}
        />
      </Stack>
    </SectionPage>
  );
}
