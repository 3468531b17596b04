import {
  APPLICATION_DOCUMENT_KINDS,
  APPLICATION_DOCUMENT_MAX_BYTES,
  REQUIRED_APPLICATION_DOCUMENTS,
} from '@cardcoop/contracts';
import type {
  ApplicationDocument,
  ApplicationDocumentKind,
  ApplicationDocumentType,
  OperatorApplication,
} from '@cardcoop/contracts';
import { Button, FileButton, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressNote } from '../../id/auth/progress-note';
import { ConfirmDialog } from '../../id/common/confirm-dialog';
import { useFormatDate } from '../../id/common/format-date';
import { useDialogAction } from '../../id/common/use-dialog-action';
import { serverError } from '../../../components/server-error';
import { useApplicationsClient } from './use-application';

/** The element id of a document's row, for links to it. */
export const documentId = (kind: ApplicationDocumentKind) => `application-doc-${kind}`;

const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
const BY_EXTENSION: Record<string, ApplicationDocumentType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The declared type of a chosen file: the browser's, else its extension's (the server sniffs). */
function typeOf(file: File): ApplicationDocumentType | undefined {
  if (Object.values(BY_EXTENSION).includes(file.type as ApplicationDocumentType))
    return file.type as ApplicationDocumentType;
  return BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''];
}

const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The application's documents, one row per kind: the file stored (download, delete) and an
 * upload that replaces it, checked in the page for size and type first; the server's refusal
 * (too large, the bytes are not what the name says) is shown in that row.
 */
export function DocumentsSection({
  coopname,
  documents,
  editable,
  removable,
  onChanged,
}: {
  coopname: string;
  documents: ApplicationDocument[];
  editable: boolean;
  /** Documents of a decided application stay with it: a new one starts without them. */
  removable: boolean;
  onChanged: (application?: OperatorApplication) => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const client = useApplicationsClient();
  const [removing, setRemoving] = useState<ApplicationDocumentKind>();
  const removal = useDialogAction({
    item: removing,
    run: (kind: ApplicationDocumentKind) => client.deleteDocument(coopname, kind),
    describe: (error) => serverError(error, tId),
    onDone: () => {
      setRemoving(undefined);
      onChanged();
    },
    onCancel: () => setRemoving(undefined),
  });
  return (
    <Paper
      component="section"
      aria-labelledby="application-documents"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="application-documents">
          {t('application.sections.documents')}
        </Title>
        <Text size="sm">{t('application.documents.lead')}</Text>
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {APPLICATION_DOCUMENT_KINDS.map((kind) => (
            <DocumentRow
              key={kind}
              coopname={coopname}
              kind={kind}
              document={documents.find((document) => document.kind === kind)}
              editable={editable}
              removable={removable}
              onUploaded={onChanged}
              onRemove={() => setRemoving(kind)}
            />
          ))}
        </Stack>
      </Stack>
      <ConfirmDialog
        opened={removing !== undefined}
        title={t('application.documents.removeTitle')}
        text={t('application.documents.removeText', {
          kind: removing ? t(`application.documents.kinds.${removing}`) : '',
        })}
        confirmLabel={t('application.documents.remove')}
        busy={removal.busy}
        error={removal.error}
        onConfirm={removal.confirm}
        onCancel={removal.cancel}
      />
    </Paper>
  );
}

function DocumentRow({
  coopname,
  kind,
  document,
  editable,
  removable,
  onUploaded,
  onRemove,
}: {
  coopname: string;
  kind: ApplicationDocumentKind;
  document: ApplicationDocument | undefined;
  editable: boolean;
  removable: boolean;
  onUploaded: (application: OperatorApplication) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const formatDate = useFormatDate();
  const client = useApplicationsClient();
  const [uploading, setUploading] = useState<string>();
  const reset = useRef<() => void>(null);
  const [error, setError] = useState<string>();
  const label = t(`application.documents.kinds.${kind}`);
  const errorId = `${documentId(kind)}-error`;

  const upload = async (file: File | null) => {
    reset.current?.();
    if (!file) return;
    setError(undefined);
    const contentType = typeOf(file);
    if (!contentType) return setError(t('application.documents.wrongType'));
    if (file.size > APPLICATION_DOCUMENT_MAX_BYTES)
      return setError(t('application.documents.tooLarge'));
    setUploading(file.name);
    try {
      onUploaded(
        await client.uploadDocument(coopname, kind, file, { contentType, fileName: file.name }),
      );
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setUploading(undefined);
    }
  };

  const download = async () => {
    setError(undefined);
    try {
      const file = await client.downloadDocument(coopname, kind);
      const url = URL.createObjectURL(
        new Blob([file.bytes as BlobPart], { type: file.content_type }),
      );
      const link = window.document.createElement('a');
      link.href = url;
      link.download = file.file_name ?? document?.file_name ?? kind;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (failure) {
      setError(serverError(failure, tId));
    }
  };

  return (
    <Paper component="li" withBorder p="sm" id={documentId(kind)} tabIndex={-1} aria-label={label}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Stack gap={2} miw={0}>
            <Text fw={600}>
              {label}
              {REQUIRED_APPLICATION_DOCUMENTS.includes(kind) && (
                <Text span c="dimmed" size="sm">
                  {' '}
                  · {t('application.documents.required')}
                </Text>
              )}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid={`document-${kind}`}>
              {document
                ? t('application.documents.file', {
                    name: document.file_name,
                    size: sizeOf(document.size),
                    date: formatDate(document.uploaded_at),
                  })
                : t('application.documents.none')}
            </Text>
          </Stack>
          <Group gap="xs">
            {document && (
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => void download()}
                aria-label={t('application.documents.downloadLabel', { kind: label })}
              >
                {t('application.documents.download')}
              </Button>
            )}
            {document && removable && (
              <Button
                size="compact-sm"
                variant="default"
                onClick={onRemove}
                aria-label={t('application.documents.removeLabel', { kind: label })}
              >
                {t('application.documents.remove')}
              </Button>
            )}
            {editable && (
              <FileButton onChange={(file) => void upload(file)} accept={ACCEPT} resetRef={reset}>
                {(props) => (
                  <Button
                    {...props}
                    size="compact-sm"
                    loading={uploading !== undefined}
                    aria-label={t('application.documents.choose', { kind: label })}
                    aria-describedby={error ? errorId : undefined}
                  >
                    {t('application.documents.upload')}
                  </Button>
                )}
              </FileButton>
            )}
          </Group>
        </Group>
        {uploading !== undefined && <Progress value={100} animated striped aria-hidden="true" />}
        <ProgressNote
          text={
            uploading !== undefined
              ? t('application.documents.uploading', { name: uploading })
              : undefined
          }
        />
        {error && (
          <Text size="sm" c="red.8" role="alert" id={errorId}>
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
