import { Alert, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../coop-context';
import { canChange } from '../coop-sections';
import { QueryState } from '../../../components/query-state';
import { SectionPage } from '../section-page';
import { useStepUp } from '../step-up';
import { DataKeySection } from './data-key-section';
import { LogoSection } from './logo-section';
import { SecretSection } from './secret-section';
import { SettingsForm } from './settings-form';
import { useIntegration } from './use-integration';

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * `/business/:coopname/integration`: what members see on the consent screen, where tickets may
 * go, the requested fields, the logo, the data key and the client secret. A viewer reads only.
 */
export function IntegrationPage() {
  const { t } = useTranslation('business');
  const coop = useCoop();
  const readOnly = !canChange(coop.role);
  const { query, set, reload } = useIntegration(coop.coopname);
  const { guard, dialog } = useStepUp();
  // What the last save met, shown by the fresh form (a new one per revision).
  const [outcome, setOutcome] = useState<'saved' | 'conflict'>();

  return (
    <SectionPage title={t('settings.title')}>
      {readOnly && <Alert color="gray">{t('readOnly')}</Alert>}
      <QueryState query={query} lines={6}>
        {(settings) => (
          <Stack gap="lg" maw={860}>
            <Part id="settings-logo" title={t('settings.logo')}>
              <LogoSection
                coopname={coop.coopname}
                logo={settings.logo}
                readOnly={readOnly}
                onUploaded={() => void reload()}
              />
            </Part>
            <SettingsForm
              key={settings.revision}
              settings={settings}
              readOnly={readOnly}
              conflict={outcome === 'conflict'}
              saved={outcome === 'saved'}
              onSaved={(fresh) => {
                setOutcome('saved');
                set(fresh);
              }}
              onConflict={() => {
                setOutcome('conflict');
                void reload();
              }}
            />
            {!readOnly && (
              <>
                <Part id="settings-data-key" title={t('settings.dataKey.title')}>
                  <DataKeySection
                    settings={settings}
                    guard={guard}
                    onPublished={() => void reload()}
                  />
                </Part>
                <Part id="settings-secret" title={t('settings.secret.title')}>
                  <SecretSection coopname={coop.coopname} guard={guard} />
                </Part>
              </>
            )}
          </Stack>
        )}
      </QueryState>
      {dialog}
    </SectionPage>
  );
}
