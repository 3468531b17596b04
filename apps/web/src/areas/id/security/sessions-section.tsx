import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMember } from '../session/require-unlocked';
import { sessionStore } from '../session/session-store';
import { TrustedDeviceNotice } from '../session/trusted-device-notice';
import { ConfirmDialog } from '../common/confirm-dialog';
import { QueryState } from './query-state';
import { securityError } from './security-error';
import { SecuritySection } from './security-section';
import { useRefresh, useSessionList } from './security-queries';
import { deviceLabel, SessionItem } from './session-item';
import type { Session } from './session-item';

/** What the member asked to end: one session, or every one but this. */
type Ending = { session: Session } | 'others';

const byRecentUse = (a: Session, b: Session) =>
  Number(b.current) - Number(a.current) || b.last_used_at.localeCompare(a.last_used_at);

/** What the confirmation says: which session ends, and what that means here. */
function confirmation(ending: Ending, t: TFunction<'id'>) {
  if (ending === 'others') {
    return {
      title: t('security.sessions.confirmOthersTitle'),
      text: t('security.sessions.confirmOthersText'),
      confirmLabel: t('security.sessions.endOthers'),
    };
  }
  const { session } = ending;
  return {
    title: t('security.sessions.confirmTitle'),
    text: session.current
      ? t('security.sessions.confirmCurrentText')
      : t('security.sessions.confirmText', { device: deviceLabel(session, t) }),
    confirmLabel: t('security.sessions.end'),
  };
}

/** The member's signed-in devices; any of them, or all the others, can be signed out. */
export function SessionsSection() {
  const { t } = useTranslation('id');
  const member = useMember();
  const sessions = useSessionList();
  const refresh = useRefresh();
  const navigate = useNavigate();
  // The last question stays while the dialog closes, so its text does not vanish mid-fade.
  const [asked, setAsked] = useState<Ending>('others');
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const end = useMutation({
    mutationFn: async (what: Ending) => {
      if (what === 'others') await member.sessions.revokeOthers();
      else await member.sessions.revoke(what.session.id);
    },
    onSuccess: async (_, what) => {
      setConfirming(false);
      if (what !== 'others' && what.session.current) {
        // This device is signed out now: the SDK forgot the session, the store follows.
        await sessionStore.logout();
        await navigate('/id/login');
        return;
      }
      await refresh('sessions', 'audit');
      // The button that asked is gone with its session.
      heading.current?.focus();
    },
    // Ended meanwhile elsewhere, perhaps: show the list as it is now.
    onError: () => refresh('sessions'),
  });

  const ask = (what: Ending) => {
    end.reset();
    setAsked(what);
    setConfirming(true);
  };

  return (
    <SecuritySection
      title={t('security.sessions.title')}
      description={t('security.sessions.description')}
      headingRef={heading}
    >
      <QueryState query={sessions}>
        {(list) => (
          <Stack gap="sm">
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {[...list].sort(byRecentUse).map((session) => (
                <SessionItem key={session.id} session={session} onEnd={() => ask({ session })} />
              ))}
            </Stack>
            {list.length > 1 ? (
              <Group>
                <Button variant="default" onClick={() => ask('others')}>
                  {t('security.sessions.endOthers')}
                </Button>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('security.sessions.onlyThis')}
              </Text>
            )}
          </Stack>
        )}
      </QueryState>
      <TrustedDeviceNotice />
      <ConfirmDialog
        opened={confirming}
        {...confirmation(asked, t)}
        busy={end.isPending}
        error={end.isError ? securityError(end.error, t) : undefined}
        onConfirm={() => end.mutate(asked)}
        onCancel={() => setConfirming(false)}
      />
    </SecuritySection>
  );
}
