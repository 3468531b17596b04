import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { useMemberSession } from './business-client';

/** `GET …/stats.csv` for the range, with the member's session (the SDK has no call for it). */
export const csvPath = (coopname: string, query: { from: string; to: string; tz: string }) =>
  `/api/v1/business/cooperatives/${encodeURIComponent(coopname)}/stats.csv?${new URLSearchParams(query)}`;

/** Saves the bytes as a file of the browser's downloads. */
function save(name: string, bytes: Uint8Array) {
  const url = URL.createObjectURL(
    new Blob([bytes as BlobPart], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** "Скачать CSV" for the range shown: progress while it comes, the failure beside the button. */
export function CsvDownload({
  coopname,
  query,
}: {
  coopname: string;
  query: { from: string; to: string; tz: string };
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const session = useMemberSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { bytes } = await session.request<{ bytes: Uint8Array }>(csvPath(coopname, query), {
        responseType: 'bytes',
      });
      save(`${coopname}-stats-${query.from}-${query.to}.csv`, bytes);
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="sm" align="center">
      <Button variant="default" onClick={() => void download()} loading={busy}>
        {t('stats.csv.button')}
      </Button>
      <Text size="sm" role="status" aria-live="polite">
        {busy ? t('stats.csv.progress') : ''}
      </Text>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Group>
  );
}
