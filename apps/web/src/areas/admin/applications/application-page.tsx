import { APPLICATION_DOCUMENT_KINDS } from '@cardcoop/contracts';
import type {
  ApplicationDocument,
  ApplicationFormDraft,
  ApplicationFormField,
  ReviewedApplication,
} from '@cardcoop/contracts';
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { formatPhone } from '../../../lib/format';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { ConfirmDialog, ReasonDialog } from '../dialogs';
import { formatInstant, saveFile } from '../format';
import { QueryState } from '../../../components/query-state';
import { useStepUp } from '../step-up';
import { useAction } from '../use-action';
import { usePlatform } from '../use-platform';
import { StatusBadge } from './status-badge';

const FIELDS: readonly ApplicationFormField[] = [
  'full_name',
  'short_name',
  'inn',
  'ogrn',
  'kpp',
  'legal_address',
  'actual_address',
  'chairman_last_name',
  'chairman_first_name',
  'chairman_middle_name',
  'phone',
  'email',
  'bank_name',
  'bik',
  'settlement_account',
  'expected_monthly_turnover',
  'members_count',
  'purpose',
];

/** `/admin/applications/:coopname`: the form, the documents and the operator's decision. */
/** A field of the form for reading: the phone grouped, numbers with thousands separated. */
function formValue(form: ApplicationFormDraft, field: ApplicationFormField, language: string) {
  const value = form[field];
  if (value === undefined) return undefined;
  if (typeof value === 'number') return new Intl.NumberFormat(language).format(value);
  return field === 'phone' ? formatPhone(value) : value;
}

export function ApplicationPage() {
  const { t } = useTranslation('admin');
  const { coopname = '' } = useParams();
  const { platform } = usePlatform();
  const application = useQuery({
    queryKey: ['admin', 'application', coopname],
    queryFn: () => platform.applications.get(coopname),
  });
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/admin/applications" size="sm">
        ← {t('applications.back')}
      </Anchor>
      <QueryState query={application}>{(value) => <Review reviewed={value} />}</QueryState>
    </Stack>
  );
}

function Review({ reviewed }: { reviewed: ReviewedApplication }) {
  const { t, i18n } = useTranslation('admin');
  const { application } = reviewed;
  usePageTitle(reviewed.display_name);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{reviewed.display_name}</Title>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {reviewed.coopname}
          </Text>
          <StatusBadge status={application.status} />
        </Group>
        {application.submitted_at && (
          <Text size="sm">
            {t('applications.submittedAt', {
              at: formatInstant(application.submitted_at, i18n.language),
            })}
          </Text>
        )}
        {application.decision_reason && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('applications.decisionReason', { reason: application.decision_reason })}
          </Text>
        )}
      </Stack>
      <section aria-labelledby="admin-application-form">
        <Title order={2} size="h3" id="admin-application-form" mb="sm">
          {t('applications.form')}
        </Title>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
          {FIELDS.map((field) => (
            <div key={field}>
              <Text component="dt" size="sm" c="dimmed">
                {t(`applications.fields.${field}`)}
              </Text>
              <Text
                component="dd"
                m={0}
                style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
              >
                {formValue(application.form, field, i18n.language) ?? t('none')}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </section>
      <Documents coopname={reviewed.coopname} documents={application.documents} />
      <Decision reviewed={reviewed} />
    </Stack>
  );
}

function Documents({
  coopname,
  documents,
}: {
  coopname: string;
  documents: ApplicationDocument[];
}) {
  const { t } = useTranslation('admin');
  const sorted = [...documents].sort(
    (a, b) =>
      APPLICATION_DOCUMENT_KINDS.indexOf(a.kind) - APPLICATION_DOCUMENT_KINDS.indexOf(b.kind),
  );
  return (
    <section aria-labelledby="admin-application-documents">
      <Title order={2} size="h3" id="admin-application-documents" mb="sm">
        {t('applications.documents')}
      </Title>
      {sorted.length === 0 ? (
        <Text>{t('applications.noDocuments')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {sorted.map((document) => (
            <DocumentItem key={document.kind} coopname={coopname} document={document} />
          ))}
        </Stack>
      )}
    </section>
  );
}

function DocumentItem({ coopname, document }: { coopname: string; document: ApplicationDocument }) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const download = useAction(async () => {
    const file = await platform.applications.downloadDocument(coopname, document.kind);
    saveFile(file.file_name ?? document.file_name, file.bytes as BlobPart, file.content_type);
  });
  const kind = t(`applications.documentKind.${document.kind}`);
  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" gap="sm">
        <Stack gap={2} miw={0}>
          <Text fw={600}>{kind}</Text>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {document.file_name} ·{' '}
            {t('applications.size', { size: Math.ceil(document.size / 1024) })}
          </Text>
        </Stack>
        <Button
          variant="default"
          size="xs"
          loading={download.busy}
          aria-label={t('applications.downloadLabel', { name: kind })}
          onClick={() => void download.run()}
        >
          {t('applications.download')}
        </Button>
      </Group>
      <ProgressNote text={download.busy ? t('applications.downloading') : undefined} />
      <FormError message={download.error} />
    </Paper>
  );
}

type Dialog = 'approve' | 'reject' | 'changes';

function Decision({ reviewed }: { reviewed: ReviewedApplication }) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const { guard, dialog } = useStepUp();
  const [open, setOpen] = useState<Dialog>();
  const [done, setDone] = useState(false);
  const { coopname } = reviewed;
  const decided = async (next: ReviewedApplication) => {
    queries.setQueryData(['admin', 'application', coopname], next);
    await queries.invalidateQueries({ queryKey: ['admin', 'applications'] });
    setDone(true);
  };
  const close = () => setOpen(undefined);
  return (
    <section aria-labelledby="admin-application-decision">
      <Title order={2} size="h3" id="admin-application-decision" mb="sm">
        {t('applications.decision')}
      </Title>
      {done && (
        <Alert color="green" role="status" mb="sm">
          {t('applications.decided', {
            status: t(`applications.status.${reviewed.application.status}`),
          })}
        </Alert>
      )}
      {reviewed.application.status === 'submitted' ? (
        <Group gap="sm">
          <Button onClick={() => setOpen('approve')}>{t('applications.approve')}</Button>
          <Button variant="default" onClick={() => setOpen('changes')}>
            {t('applications.requestChanges')}
          </Button>
          <Button variant="default" color="red" onClick={() => setOpen('reject')}>
            {t('applications.reject')}
          </Button>
        </Group>
      ) : (
        !done && <Text>{t('applications.notActionable')}</Text>
      )}
      <ConfirmDialog
        opened={open === 'approve'}
        title={t('applications.approve')}
        text={t('applications.approveConfirm', { name: reviewed.display_name })}
        confirmLabel={t('applications.approve')}
        onConfirm={async () => decided(await guard(() => platform.applications.approve(coopname)))}
        onClose={close}
      />
      <ReasonDialog
        opened={open === 'reject'}
        title={t('applications.rejectTitle')}
        submitLabel={t('applications.reject')}
        maxLength={2000}
        onSubmit={async (reason) => decided(await platform.applications.reject(coopname, reason))}
        onClose={close}
      />
      <ReasonDialog
        opened={open === 'changes'}
        title={t('applications.requestChangesTitle')}
        submitLabel={t('applications.requestChanges')}
        maxLength={2000}
        onSubmit={async (reason) =>
          decided(await platform.applications.requestChanges(coopname, reason))
        }
        onClose={close}
      />
      {dialog}
    </section>
  );
}
