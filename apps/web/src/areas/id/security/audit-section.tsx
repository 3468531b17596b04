import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditEventItem } from './audit-event-item';
import { isKnownEvent } from './audit-event-text';
import { QueryState } from './query-state';
import { SecuritySection } from './security-section';
import { useAuditLog } from './security-queries';

const PAGE = 10;

/** The member's security log: sign-ins, security changes, and cooperatives reading the card. */
export function AuditSection() {
  const { t } = useTranslation('id');
  const log = useAuditLog();
  const [shown, setShown] = useState(PAGE);

  return (
    <SecuritySection
      title={t('security.history.title')}
      description={t('security.history.description')}
    >
      <QueryState query={log}>
        {(events) => {
          const known = events.filter(isKnownEvent);
          if (known.length === 0) return <Text c="dimmed">{t('security.history.empty')}</Text>;
          return (
            <Stack gap="xs">
              <Stack
                component="ul"
                gap={0}
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-label={t('security.history.title')}
              >
                {known.slice(0, shown).map((event, index) => (
                  <AuditEventItem key={event.seq} event={event} divided={index > 0} />
                ))}
              </Stack>
              {(known.length > shown || log.hasNextPage) && (
                <Button
                  variant="default"
                  loading={log.isFetchingNextPage}
                  onClick={() => {
                    // Older events are read from the server once those read so far are shown.
                    if (known.length <= shown + PAGE && log.hasNextPage) void log.fetchNextPage();
                    setShown(shown + PAGE);
                  }}
                  mr="auto"
                >
                  {t('security.history.showMore')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </SecuritySection>
  );
}
