import { LOGO_CONTENT_TYPES, LOGO_MAX_BYTES } from '@cardcoop/contracts';
import type { IntegrationLogo, LogoContentType } from '@cardcoop/contracts';
import { FileInput, Group, Image, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressNote } from '../../id/auth/progress-note';
import { useSay } from '../business-error';
import { serverError } from '../../../components/server-error';
import type { Problem } from '../business-error';
import { useBusiness } from '../use-business';

const isLogoType = (type: string): type is LogoContentType =>
  (LOGO_CONTENT_TYPES as readonly string[]).includes(type);

/** The file as a data: URL (the page's CSP allows data: images, not blob:). */
const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/** The logo on the consent screen: the current one, and a new one uploaded with its preview. */
export function LogoSection({
  coopname,
  logo,
  readOnly,
  onUploaded,
}: {
  coopname: string;
  logo: IntegrationLogo | null;
  readOnly: boolean;
  onUploaded: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const api = useBusiness();
  const [preview, setPreview] = useState<string>();
  const say = useSay();
  const [error, setError] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File | null) => {
    setError(undefined);
    if (!file) return;
    if (!isLogoType(file.type)) return setError({ key: 'settings.logoType' });
    if (file.size > LOGO_MAX_BYTES) return setError({ key: 'settings.logoTooLarge' });
    setBusy(true);
    try {
      const url = await readAsDataUrl(file);
      setPreview(url);
      await api.uploadLogo(coopname, {
        contentType: file.type,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      onUploaded();
    } catch (failure) {
      setError({ text: serverError(failure, tId) });
    } finally {
      setBusy(false);
    }
  };

  const shown = preview ?? logo?.url;
  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end">
        {shown ? (
          <Image
            src={shown}
            alt={t('settings.logoPreview')}
            w={96}
            h={96}
            fit="contain"
            radius="sm"
          />
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
        {!readOnly && (
          <FileInput
            label={t('settings.logo')}
            description={t('settings.logoHint')}
            accept={LOGO_CONTENT_TYPES.join(',')}
            onChange={(file) => void upload(file)}
            error={say(error)}
            disabled={busy}
            clearable={false}
            miw={240}
          />
        )}
      </Group>
      <ProgressNote text={busy ? t('settings.logoUploading') : undefined} />
    </Stack>
  );
}
