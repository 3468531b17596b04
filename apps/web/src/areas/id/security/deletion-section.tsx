import { Alert, Button, Group, List, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { FormError } from '../auth/form-error';
import { useMember } from '../session/require-unlocked';
import { DELETION_ANCHOR } from './deletion-banner';
import { DeletionSteps } from './deletion-steps';
import { useFormatDate } from '../common/format-date';
import { QueryState } from './query-state';
import { securityError } from './security-error';
import { SecuritySection } from './security-section';
import { useDeletionStatus, useRefresh } from './security-queries';

/** Deleting the account: 72 hours' notice, cancellable from any signed-in device until then. */
export function DeletionSection() {
  const { t } = useTranslation('id');
  const member = useMember();
  const status = useDeletionStatus();
  const refresh = useRefresh();
  const formatDate = useFormatDate();
  const heading = useRef<HTMLHeadingElement>(null);
  const [requesting, setRequesting] = useState(false);
  const { hash } = useLocation();
  // Come from the banner's link: the section (and its Cancel button) is where the member lands.
  useEffect(() => {
    if (hash !== `#${DELETION_ANCHOR}`) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [hash]);
  const settle = () => {
    setRequesting(false);
    heading.current?.focus();
  };
  const cancel = useMutation({
    mutationFn: () => member.cancelDeletion(),
    onSettled: () => refresh('deletion', 'audit'),
  });

  return (
    <SecuritySection id={DELETION_ANCHOR} title={t('security.deletion.title')} headingRef={heading}>
      <QueryState query={status}>
        {({ deletion_due_at: due }) => {
          if (due)
            return (
              <Stack align="flex-start">
                <Alert color="red" title={t('security.deletion.pendingTitle')} role="status">
                  {t('security.deletion.pending', { date: formatDate(new Date(due)) })}
                </Alert>
                <FormError message={cancel.isError ? securityError(cancel.error, t) : undefined} />
                <Button loading={cancel.isPending} onClick={() => cancel.mutate()}>
                  {t('security.deletion.cancel')}
                </Button>
              </Stack>
            );
          if (requesting)
            return (
              <DeletionSteps
                onScheduled={async () => {
                  await refresh('deletion', 'audit');
                  settle();
                }}
                onCancel={settle}
              />
            );
          return (
            <Stack>
              <List spacing="xs">
                <List.Item>{t('security.deletion.wait')}</List.Item>
                <List.Item>{t('security.deletion.gone')}</List.Item>
                <List.Item>{t('security.deletion.fresh')}</List.Item>
              </List>
              {cancel.isSuccess && (
                <Alert color="green" role="status">
                  {t('security.deletion.cancelled')}
                </Alert>
              )}
              <Group>
                <Button variant="default" onClick={() => setRequesting(true)}>
                  {t('security.deletion.start')}
                </Button>
              </Group>
            </Stack>
          );
        }}
      </QueryState>
    </SecuritySection>
  );
}
