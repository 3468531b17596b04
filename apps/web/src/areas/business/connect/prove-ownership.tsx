import { chainOwnershipProofSchema } from '@cardcoop/contracts';
import type { CooperativeVerification } from '@cardcoop/contracts';
import { Alert, Button, Code, PasswordInput, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useSay } from '../business-error';
import { serverError } from '../../../components/server-error';
import type { Problem } from '../business-error';
import { useBusiness } from '../use-business';

const K1_PRIVATE_KEY = /^(PVT_K1_[1-9A-HJ-NP-Za-km-z]{40,60}|5[HJK][1-9A-HJ-NP-Za-km-z]{49})$/;

/** One way of proving: a form with its progress and its error beside its button. */
function ProofForm({
  run,
  progress,
  submit,
  children,
}: {
  run: () => Promise<void> | undefined;
  progress: string;
  submit: string;
  children: ReactNode;
}) {
  const { t: tId } = useTranslation('id');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const running = run();
    if (!running) return;
    setBusy(true);
    try {
      await running;
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <Stack maw={620} pt="md">
        {children}
        <FormError message={error} />
        <ProgressNote text={busy ? progress : undefined} />
        <div>
          <Button type="submit" loading={busy}>
            {submit}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/**
 * Proving the cooperative is the member's: a K1 signature over the server's challenge — made in
 * this page from a pasted key, or by `npm run coop -- prove` — or, without a chain, a request
 * for the platform admin's approval.
 */
export function ProveOwnership({
  coopname,
  onChange,
}: {
  coopname: string;
  onChange: (verification: CooperativeVerification) => void;
}) {
  const { t } = useTranslation('business');
  const api = useBusiness();
  const [key, setKey] = useState('');
  const say = useSay();
  const [keyError, setKeyError] = useState<Problem>();
  const [challenge, setChallenge] = useState<string>();
  const [output, setOutput] = useState('');
  const [outputError, setOutputError] = useState<Problem>();
  const [note, setNote] = useState('');

  const signWithKey = () => {
    const value = key.trim();
    if (!K1_PRIVATE_KEY.test(value)) {
      setKeyError({ key: 'connect.prove.keyInvalid' });
      return undefined;
    }
    setKeyError(undefined);
    return api.proveWithKey(coopname, value).then((verification) => {
      setKey('');
      onChange(verification);
    });
  };
  const sendOutput = () => {
    let proof;
    try {
      proof = chainOwnershipProofSchema.parse(JSON.parse(output));
    } catch {
      setOutputError({ key: 'connect.prove.cliInvalid' });
      return undefined;
    }
    setOutputError(undefined);
    return api.proveWithOutput(coopname, proof).then(onChange);
  };

  return (
    <Tabs defaultValue="key" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="key">{t('connect.prove.keyTab')}</Tabs.Tab>
        <Tabs.Tab value="cli">{t('connect.prove.cliTab')}</Tabs.Tab>
        <Tabs.Tab value="admin">{t('connect.prove.adminTab')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="key">
        <ProofForm
          run={signWithKey}
          progress={t('connect.prove.signing')}
          submit={t('connect.prove.sign')}
        >
          <PasswordInput
            label={t('connect.prove.key', { coopname })}
            description={t('connect.prove.keyHint')}
            value={key}
            onChange={(event) => setKey(event.currentTarget.value)}
            error={say(keyError)}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </ProofForm>
      </Tabs.Panel>
      <Tabs.Panel value="cli">
        <ProofForm
          run={sendOutput}
          progress={t('connect.prove.signing')}
          submit={t('connect.prove.cliSubmit')}
        >
          <Text size="sm">{t('connect.prove.cli')}</Text>
          {challenge ? (
            <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {`npm run coop -- prove ${coopname} --challenge ${challenge}`}
            </Code>
          ) : (
            <div>
              <Button
                variant="default"
                onClick={() =>
                  void api.challenge(coopname).then(
                    (answer) => setChallenge(answer.challenge),
                    () => setOutputError({ key: 'connect.prove.challengeFailed' }),
                  )
                }
              >
                {t('connect.prove.getChallenge')}
              </Button>
            </div>
          )}
          <Textarea
            label={t('connect.prove.cliOutput')}
            value={output}
            onChange={(event) => setOutput(event.currentTarget.value)}
            error={say(outputError)}
            autosize
            minRows={3}
            spellCheck={false}
            required
          />
        </ProofForm>
      </Tabs.Panel>
      <Tabs.Panel value="admin">
        <ProofForm
          run={() => api.requestApproval(coopname, note.trim() || undefined).then(onChange)}
          progress={t('connect.prove.requesting')}
          submit={t('connect.prove.request')}
        >
          <Alert color="gray">{t('connect.prove.admin')}</Alert>
          <Textarea
            label={t('connect.prove.adminNote')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={2}
          />
        </ProofForm>
      </Tabs.Panel>
    </Tabs>
  );
}
