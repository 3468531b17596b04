import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AuditEventItem } from '../id/security/audit-event-item';
import { isKnownEvent } from '../id/security/audit-event-text';
import { useAuditLog } from '../id/security/security-queries';
import { HomeSection } from './home-section';
import { queryState } from './section-state';

/** How many events the home lists; the security page has them all. */
const SHOWN = 5;

/** The latest lines of the member's security log, as the security page words them. */
export function SecurityGlance() {
  const { t } = useTranslation('member');
  const log = useAuditLog();
  return (
    <HomeSection
      id="home-security"
      title={t('home.security.title')}
      failed={t('home.security.loadFailed')}
      lines={5}
      more={{ to: '/id/security', label: t('home.security.manage') }}
      state={queryState(log)}
    >
      {(events) => {
        const known = events.filter(isKnownEvent).slice(0, SHOWN);
        if (known.length === 0) return <Text c="dimmed">{t('home.security.none')}</Text>;
        return (
          <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
            {known.map((event, index) => (
              <AuditEventItem key={event.seq} event={event} divided={index > 0} />
            ))}
          </Stack>
        );
      }}
    </HomeSection>
  );
}
