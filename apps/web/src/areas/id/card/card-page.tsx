import { Stack, Text, Title } from '@mantine/core';
import { CardCoopError } from '@cardcoop/sdk';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { nextPath } from '../auth/next-path';
import { PageLoader } from '../../../components/page-loader';
import { usePageTitle } from '../../../components/use-page-title';
import { useMember } from '../session/require-unlocked';
import { CardForm } from './card-form';
import { CardSummary } from './card-summary';
import { LoadFailed } from './load-failed';
import { NoCard } from './no-card';
import { useLoaded } from './use-loaded';

/** `after`: how the member came back from the form (focus follows, a save is announced). */
type View = { mode: 'view'; after?: 'saved' | 'back' } | { mode: 'edit' };

/** `/id/card`: the member's card, created and edited here, decrypted only in this tab. */
export function CardPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('card.title'));
  const member = useMember();
  const load = useCallback(
    () =>
      member.card.get().catch((error: unknown) => {
        if (error instanceof CardCoopError && error.code === 'NOT_FOUND') return null;
        throw error;
      }),
    [member],
  );
  const { state, reload, set } = useLoaded(load);
  const [view, setView] = useState<View>({ mode: 'view' });
  // Sent here from a connect request without a card: back to it once the card exists.
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const back = () => setView({ mode: 'view', after: 'back' });
  // Saved on another device: the card on screen (not the form being edited) shows the new one.
  const shown = state.status === 'ready' ? (state.value?.revision ?? 0) : undefined;
  const viewing = view.mode === 'view';
  useEffect(() => {
    if (shown === undefined || !viewing) return;
    return member.events.subscribe((event) => {
      if (event.type === 'card.changed' && event.revision > shown) reload();
    });
  }, [member, reload, shown, viewing]);

  const body = () => {
    if (state.status === 'loading') return <PageLoader />;
    if (state.status === 'failed') {
      return <LoadFailed title={t('card.loadFailed')} error={state.error} onRetry={reload} />;
    }
    const record = state.value ?? undefined;
    if (view.mode === 'edit') {
      return (
        <CardForm
          member={member}
          record={record}
          onSaved={(saved) => {
            set(saved);
            if (next) return void navigate(nextPath(next));
            setView({ mode: 'view', after: 'saved' });
          }}
          onCancel={back}
          onReloadLatest={() => {
            reload();
            back();
          }}
        />
      );
    }
    const edit = () => setView({ mode: 'edit' });
    if (!record) return <NoCard onCreate={edit} focus={view.after !== undefined} />;
    return (
      <CardSummary
        record={record}
        onEdit={edit}
        saved={view.after === 'saved'}
        focus={view.after !== undefined}
      />
    );
  };

  return (
    <Stack maw={760} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('card.title')}</Title>
        <Text>{t('card.lead')}</Text>
      </Stack>
      {body()}
    </Stack>
  );
}
