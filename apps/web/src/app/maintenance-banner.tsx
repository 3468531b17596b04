import { Alert, Stack, Text } from '@mantine/core';
import type { MaintenanceAnnouncement } from '@cardcoop/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../lib/cardcoop';

const DISMISSED_KEY = 'cardcoop.maintenance.dismissed';
/** The list is cached for 60 s by the server; a page left open checks again now and then. */
const REFRESH_MS = 5 * 60_000;

function readDismissed(): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(DISMISSED_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function storeDismissed(ids: string[]): void {
  try {
    window.localStorage.setItem(DISMISSED_KEY, JSON.stringify(ids));
  } catch {
    // storage blocked: hidden for this visit only
  }
}

interface Loaded {
  announcements: MaintenanceAnnouncement[];
  /** When they were fetched (ms): what is "now" for started and ended. */
  at: number;
}

/** Current and upcoming maintenance, refreshed while the page stays open; none when unreachable. */
function useMaintenance(): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ announcements: [], at: 0 });
  useEffect(() => {
    let live = true;
    const load = () =>
      cardcoop.maintenance.upcoming().then(
        (list) => live && setLoaded({ announcements: list.announcements, at: Date.now() }),
        () => undefined, // no banner rather than an error about the banner
      );
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);
  return loaded;
}

/**
 * Planned maintenance announced by the platform, on every page for everyone: the message in
 * the page's language, start and end in the visitor's language and time zone. Each
 * announcement can be hidden; that is remembered on this device (ids of ones still announced).
 */
export function MaintenanceBanner() {
  const { t, i18n } = useTranslation();
  const { announcements, at: now } = useMaintenance();
  const [dismissed, setDismissed] = useState(readDismissed);
  const format = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      }),
    [i18n.language],
  );
  const shown = announcements.filter(
    (announcement) =>
      !dismissed.includes(announcement.id) && Date.parse(announcement.ends_at) > now,
  );
  if (shown.length === 0) return null;
  const dismiss = (id: string) => {
    const announced = new Set(announcements.map((announcement) => announcement.id));
    const next = [...dismissed.filter((known) => announced.has(known)), id];
    storeDismissed(next);
    setDismissed(next);
  };
  return (
    <Stack gap="xs" mb="md" aria-label={t('maintenance.label')} component="section">
      {shown.map((announcement) => {
        const started = Date.parse(announcement.starts_at) <= now;
        return (
          <Alert
            key={announcement.id}
            role="status"
            color={started ? 'orange' : 'blue'}
            title={t(started ? 'maintenance.now' : 'maintenance.upcoming')}
            withCloseButton
            closeButtonLabel={t('maintenance.dismiss')}
            onClose={() => dismiss(announcement.id)}
          >
            <Text size="sm">
              {i18n.language === 'en' ? announcement.message_en : announcement.message_ru}
            </Text>
            <Text size="sm">
              {t('maintenance.when', {
                start: format.format(new Date(announcement.starts_at)),
                end: format.format(new Date(announcement.ends_at)),
              })}
            </Text>
          </Alert>
        );
      })}
    </Stack>
  );
}
