import type {
  ApplicationDocumentKind,
  ApplicationFormField,
  ValidationIssue,
} from '@cardcoop/contracts';
import { Alert, Anchor, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProgressNote } from '../../id/auth/progress-note';
import { fieldId } from './application-form';
import { documentId } from './documents-section';

/** Moves to a field or document the server said is missing. */
function focusOn(id: string) {
  const element = document.getElementById(id);
  element?.scrollIntoView({ block: 'center' });
  element?.focus();
}

/**
 * The owner's Submit, and what the server said is missing (APPLICATION_INCOMPLETE), each a link
 * to its field or document.
 */
export function SubmitSection({
  owner,
  busy,
  missing,
  error,
  onSubmit,
}: {
  owner: boolean;
  busy: boolean;
  missing: ValidationIssue[];
  error: string | undefined;
  onSubmit: () => void;
}) {
  const { t } = useTranslation('business');
  if (!owner) return <Text size="sm">{t('application.submitOwner')}</Text>;
  const target = (issue: ValidationIssue) => {
    const [root, name] = issue.path.split('.');
    if (root === 'documents' && name) {
      const kind = name as ApplicationDocumentKind;
      return { id: documentId(kind), label: t(`application.documents.kinds.${kind}`) };
    }
    const field = name as ApplicationFormField;
    return { id: fieldId(field), label: t(`application.fields.${field}`) };
  };
  return (
    <Stack gap="sm" align="flex-start">
      {missing.length > 0 && (
        <Alert color="red" role="alert" title={t('application.incomplete')} w="100%">
          <List size="sm">
            {missing.map((issue) => {
              const { id, label } = target(issue);
              return (
                <List.Item key={issue.path}>
                  <Anchor
                    href={`#${id}`}
                    c="inherit"
                    underline="always"
                    onClick={(event) => {
                      event.preventDefault();
                      focusOn(id);
                    }}
                  >
                    {label}
                  </Anchor>
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert" w="100%">
          {error}
        </Alert>
      )}
      <ProgressNote text={busy ? t('application.submitting') : undefined} />
      <Button onClick={onSubmit} loading={busy}>
        {t('application.submit')}
      </Button>
    </Stack>
  );
}
