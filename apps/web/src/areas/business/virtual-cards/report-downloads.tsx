import type { ReportFile } from '@cardcoop/sdk/business';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { saveBytes } from '../../../lib/minor-units';

type Format = 'csv' | 'xlsx';

/**
 * "Скачать CSV" and "Скачать XLSX": the file comes through the SDK (the session's token and
 * language for its headers) and is saved under the server's name; progress while it
 * comes, a failure beside the buttons.
 */
export function ReportDownloads({
  fetchFile,
  fallbackName,
}: {
  fetchFile: (format: Format) => Promise<ReportFile>;
  fallbackName: string;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const [busy, setBusy] = useState<Format>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();
  const download = async (format: Format) => {
    setBusy(format);
    setDone(undefined);
    setError(undefined);
    try {
      const file = await fetchFile(format);
      const name = file.file_name ?? `${fallbackName}.${format}`;
      saveBytes(name, file.bytes, file.content_type);
      setDone(name);
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {(['csv', 'xlsx'] as const).map((format) => (
          <Button
            key={format}
            variant="default"
            loading={busy === format}
            disabled={busy !== undefined && busy !== format}
            onClick={() => void download(format)}
          >
            {t(`virtualCards.report.${format}`)}
          </Button>
        ))}
      </Group>
      <ProgressNote text={busy ? t('virtualCards.report.downloading') : undefined} />
      {done && !busy && (
        <Text size="sm" role="status">
          {t('virtualCards.report.downloaded', { name: done })}
        </Text>
      )}
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
