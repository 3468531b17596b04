import { dataKeyCertificateSchema } from '@cardcoop/contracts';
import type { BusinessIntegration, DataKeyCertificate } from '@cardcoop/contracts';
import { Alert, Button, Code, FileInput, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useSay } from '../business-error';
import { serverError } from '../../../components/server-error';
import type { Problem } from '../business-error';
import { certifyDataKey, generateDataKey } from '../coop-tools';
import { actionError } from '../../../components/step-up';
import { useBusiness } from '../use-business';

/** Saves the private key as a file; nothing of it stays in the page or goes to the server. */
function downloadPrivateKey(kid: string, privateKey: string): string {
  const name = `${kid}.private-key.json`;
  const text = JSON.stringify({ kid, private_key: privateKey }, null, 2);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
  return name;
}

/**
 * The data key: a new X25519 pair made in this page (its private half downloaded once, never
 * sent), certified here with the pasted K1 account key, or a certificate file made with the SDK.
 * Publishing needs a fresh second factor (`guard`).
 */
export function DataKeySection({
  settings,
  guard,
  onPublished,
}: {
  settings: BusinessIntegration;
  guard: <T>(action: () => Promise<T>) => Promise<T>;
  onPublished: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const api = useBusiness();
  const [pair, setPair] = useState<{ kid: string; publicKey: string; file: string }>();
  const [accountKey, setAccountKey] = useState('');
  const say = useSay();
  const [keyError, setKeyError] = useState<Problem>();
  const [error, setError] = useState<Problem>();
  const [busy, setBusy] = useState<string>();
  const [published, setPublished] = useState(false);

  const generate = async () => {
    setBusy(t('settings.dataKey.generating'));
    setError(undefined);
    try {
      const key = await generateDataKey({ coopname: settings.coopname });
      const file = downloadPrivateKey(key.kid, key.privateKey);
      setPair({ kid: key.kid, publicKey: key.publicKey, file });
    } catch (failure) {
      setError({ text: serverError(failure, tId) });
    } finally {
      setBusy(undefined);
    }
  };

  const publish = async (certificate: DataKeyCertificate) => {
    setBusy(t('settings.dataKey.uploading'));
    setError(undefined);
    try {
      await guard(() => api.publishDataKey(settings.coopname, certificate));
      setPublished(true);
      setPair(undefined);
      onPublished();
    } catch (failure) {
      const message = actionError(failure, (e) => serverError(e, tId));
      setError(message === undefined ? undefined : { text: message });
    } finally {
      setBusy(undefined);
    }
  };

  const certify = () => {
    if (!pair) return;
    let certificate: DataKeyCertificate;
    try {
      certificate = certifyDataKey({
        coopname: settings.coopname,
        kid: pair.kid,
        publicKey: pair.publicKey,
        accountPrivateKeyWif: accountKey.trim(),
      });
    } catch {
      setKeyError({ key: 'connect.prove.keyInvalid' });
      return;
    }
    setKeyError(undefined);
    setAccountKey('');
    void publish(certificate);
  };

  const uploadFile = async (file: File | null) => {
    if (!file) return;
    const parsed = dataKeyCertificateSchema.safeParse(
      await file
        .text()
        .then(
          (text) => JSON.parse(text) as unknown,
          () => undefined,
        )
        .catch(() => undefined),
    );
    if (!parsed.success) return setError({ key: 'settings.dataKey.certificateInvalid' });
    await publish(parsed.data);
  };

  return (
    <Stack gap="sm">
      {settings.data_key ? (
        <Stack gap={4}>
          <Text>{t('settings.dataKey.current', { kid: settings.data_key.kid })}</Text>
          <Text size="sm">
            {t('settings.dataKey.fingerprint')}: <Code>{settings.data_key.fingerprint}</Code>
          </Text>
        </Stack>
      ) : (
        <Text>{t('settings.dataKey.none')}</Text>
      )}
      {published && (
        <Alert color="teal" role="status">
          {t('settings.dataKey.published')}
        </Alert>
      )}
      {pair ? (
        <Stack gap="sm">
          <Alert color="yellow" role="status">
            {t('settings.dataKey.downloaded', { file: pair.file })}
          </Alert>
          <PasswordInput
            label={t('settings.dataKey.accountKey', { coopname: settings.coopname })}
            description={t('settings.dataKey.accountKeyHint')}
            value={accountKey}
            onChange={(event) => setAccountKey(event.currentTarget.value)}
            error={say(keyError)}
            autoComplete="off"
            spellCheck={false}
          />
          <div>
            <Button onClick={certify} loading={busy !== undefined}>
              {t('settings.dataKey.certify')}
            </Button>
          </div>
        </Stack>
      ) : (
        <div>
          <Button variant="default" onClick={() => void generate()} loading={busy !== undefined}>
            {t('settings.dataKey.generate')}
          </Button>
        </div>
      )}
      <FileInput
        label={t('settings.dataKey.certificateFile')}
        accept="application/json,.json"
        onChange={(file) => void uploadFile(file)}
        disabled={busy !== undefined}
        clearable={false}
        maw={420}
      />
      <FormError message={say(error)} />
      <ProgressNote text={busy} />
    </Stack>
  );
}
