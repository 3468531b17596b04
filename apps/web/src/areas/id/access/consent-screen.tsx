import { Alert, Button, Checkbox, Code, Group, Stack, Text } from '@mantine/core';
import type { PreparedAccess } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldText } from './field-text';
import { StepHeading } from '../common/step-heading';
import { sharedFields } from './shared-fields';

interface ConsentScreenProps {
  access: PreparedAccess;
  /** The member's card data: the values shown are exactly those that would leave. */
  card: object;
  /** Sharing is under way: the choice is locked and the accept button spins. */
  busy: boolean;
  /** Why the last attempt to share failed, translated. */
  failure?: string | undefined;
  onAccept: (fields: string[]) => void;
  onDecline: () => void;
}

/**
 * The member's decision: who asks (name and the fingerprint of the key the data is sealed to),
 * whether they join as an applicant, and each requested field the card holds, with its value,
 * to keep or untick. Requested fields the card lacks are named as not being sent.
 */
export function ConsentScreen(props: ConsentScreenProps) {
  const { access, card, busy, failure, onAccept, onDecline } = props;
  const { t } = useTranslation('id');
  const text = useFieldText();
  const { prepared, key } = access;
  const { present, missing } = sharedFields(card, prepared.requested_fields);
  const [chosen, setChosen] = useState(() => present.map((field) => field.name));
  const [error, setError] = useState<string>();
  const cooperative = prepared.display_name;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) {
      setError(t('access.consent.noneChosen'));
      return;
    }
    onAccept(chosen);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <StepHeading>{t('access.consent.heading', { cooperative })}</StepHeading>
        {prepared.membership === 'applicant' && (
          <Alert variant="light" title={t('access.consent.applicantTitle')}>
            {t('access.consent.applicant')}
          </Alert>
        )}
        <div>
          <Text fw={600}>{t('access.consent.fingerprint')}</Text>
          <Code block fz="sm" style={{ whiteSpace: 'normal' }}>
            {key.fingerprint.display}
          </Code>
          <Text size="sm" c="dimmed" mt={4}>
            {t('access.consent.fingerprintHint')}
          </Text>
        </div>
        {present.length === 0 ? (
          <Alert color="yellow" role="alert">
            {t('access.consent.nothingToShare')}
          </Alert>
        ) : (
          <Checkbox.Group
            label={t('access.consent.fields')}
            description={t('access.consent.fieldsHint')}
            value={chosen}
            onChange={(value) => {
              setChosen(value);
              setError(undefined);
            }}
            error={error}
            readOnly={busy}
          >
            <Stack gap="sm" mt="xs">
              {present.map((field) => (
                <Checkbox
                  key={field.name}
                  value={field.name}
                  label={text.label(field.name)}
                  description={text.value(field.value, field.name)}
                  styles={{ description: { overflowWrap: 'anywhere' } }}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        {missing.length > 0 && (
          <Text size="sm">
            {t('access.consent.missing', { fields: missing.map(text.label).join(', ') })}
          </Text>
        )}
        <Text size="sm">
          {t('access.consent.account')}: <Code>{prepared.username}</Code>
        </Text>
        {failure && (
          <Alert color="red" role="alert" title={t('common.errors.title')}>
            {failure}
          </Alert>
        )}
        <Group gap="sm">
          {present.length > 0 && (
            <Button type="submit" loading={busy}>
              {t('access.consent.accept')}
            </Button>
          )}
          <Button variant="default" onClick={onDecline} disabled={busy}>
            {t('access.consent.decline')}
          </Button>
        </Group>
        {busy && (
          <Alert role="status" variant="light">
            {t('access.steps.sharing')}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
