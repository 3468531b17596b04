import { AppShell, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ColorSchemeToggle } from '../components/color-scheme-toggle';
import { LanguageSwitch } from '../components/language-switch';
import { useSignedInEmail } from '../areas/id/session/signed-in-email';
import classes from './app-layout.module.css';
import { MaintenanceBanner } from './maintenance-banner';
import { SignedInAs } from './signed-in-as';

/**
 * The frame of a flow a cooperative sent the member into (`/id/connect`, by redirect or in a
 * popup): the name, who is signed in, the language and colour scheme, and the flow. No
 * navigation to wander off to before the cooperative hears back.
 */
export function FlowLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const email = useSignedInEmail();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" justify="space-between" wrap="nowrap">
          <Text component="span" className={classes.logo}>
            {t('app.name')}
          </Text>
          <Group gap="xs" wrap="nowrap" miw={0}>
            {email && (
              <Group visibleFrom="sm">
                <SignedInAs email={email} />
              </Group>
            )}
            <LanguageSwitch />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main-content" tabIndex={-1}>
        {/* On a narrow screen the header has no room for it: above the flow instead. */}
        {email && (
          <Group hiddenFrom="sm" mb="sm">
            <SignedInAs email={email} />
          </Group>
        )}
        <MaintenanceBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
