import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { AuthPage } from './auth-page';
import { DeletionFlow } from './deletion-flow';
import { nextPath } from './next-path';
import { RecoveryFlow } from './recovery-flow';

type Path = 'choose' | 'recovery' | 'deletion';

/** `/id/forgot`: back in with the Recovery Kit, or, with nothing left, deleting the account. */
export function ForgotPage() {
  const { t } = useTranslation('id');
  const [path, setPath] = useState<Path>('choose');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const choose = () => setPath('choose');

  return (
    <AuthPage title={t('auth.recovery.title')}>
      {path === 'recovery' && (
        <RecoveryFlow
          onBack={choose}
          onRecovered={() => void navigate(nextPath(params.get('next')), { replace: true })}
        />
      )}
      {path === 'deletion' && <DeletionFlow onBack={choose} />}
      {path === 'choose' && (
        <>
          <Text>{t('auth.recovery.intro')}</Text>
          <PathChoice
            id="recovery-with-kit"
            title={t('auth.recovery.withKitTitle')}
            text={t('auth.recovery.withKitText')}
            action={t('auth.recovery.withKitStart')}
            onChoose={() => setPath('recovery')}
          />
          <PathChoice
            id="recovery-lost"
            title={t('auth.recovery.lostTitle')}
            text={t('auth.recovery.lostText')}
            action={t('auth.recovery.lostStart')}
            onChoose={() => setPath('deletion')}
            secondary
          />
        </>
      )}
    </AuthPage>
  );
}

function PathChoice(props: {
  id: string;
  title: string;
  text: string;
  action: string;
  onChoose: () => void;
  secondary?: boolean;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={props.id}>
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4" id={props.id}>
          {props.title}
        </Title>
        <Text>{props.text}</Text>
        <Button variant={props.secondary ? 'default' : 'filled'} onClick={props.onChoose}>
          {props.action}
        </Button>
      </Stack>
    </Paper>
  );
}
