import { Alert, Button, Checkbox, Code, Group, Stack, Text, Title } from '@mantine/core';
import type { PreparedAccess } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DANGER } from '../common/colors';
import { StepHeading } from '../common/step-heading';
import { ConsentRecipient } from './consent-recipient';
import { ConsentTerms } from './consent-terms';
import { useFieldText } from './field-text';
import { sharedFields } from './shared-fields';

interface ConsentScreenProps {
  access: PreparedAccess;
  /** The member's card data: the values shown are exactly those that would leave. */
  card: object;
  /** Sharing or declining is under way: the choice is locked and that button spins. */
  pending?: 'share' | 'decline' | undefined;
  /** Why the last attempt to share failed, translated. */
  failure?: string | undefined;
  onAccept: (fields: string[]) => void;
  onDecline: () => void;
}

const NONE_CHOSEN_ID = 'consent-none-chosen';

/**
 * The member's consent, as 152-ФЗ wants it: the terms (recipient, purpose, term, revocation),
 * each requested field the card holds with its value as people read it, to keep or untick, and
 * the fingerprint of the key the data is sealed to. Requested fields the card lacks are named as
 * not being sent; a member with no account there is told that sharing opens one.
 */
export function ConsentScreen(props: ConsentScreenProps) {
  const { access, card, pending, failure, onAccept, onDecline } = props;
  const { t } = useTranslation('id');
  const text = useFieldText();
  const { prepared, key } = access;
  const { present, missing } = sharedFields(card, prepared.requested_fields);
  const [chosen, setChosen] = useState(() => present.map((field) => field.name));
  const noneChosen = chosen.length === 0;
  const busy = pending !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!noneChosen) onAccept(chosen);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <StepHeading>{t('access.consent.heading')}</StepHeading>
        <ConsentRecipient prepared={prepared} />
        <Text>{t('access.consent.lead')}</Text>
        {prepared.membership === 'applicant' && (
          <Alert variant="light" title={t('access.consent.applicantTitle')}>
            {t('access.consent.applicant')}
          </Alert>
        )}
        <Title order={3} size="h4">
          {t('access.consent.terms')}
        </Title>
        <ConsentTerms prepared={prepared} />
        {present.length === 0 ? (
          <Alert color="yellow" role="alert">
            {t('access.consent.nothingToShare')}
          </Alert>
        ) : (
          <Checkbox.Group
            label={t('access.consent.fields')}
            description={t('access.consent.fieldsHint')}
            value={chosen}
            onChange={setChosen}
            readOnly={busy}
          >
            <Stack gap="sm" mt="xs">
              {present.map((field) => (
                <Checkbox
                  key={field.name}
                  value={field.name}
                  label={text.label(field.name)}
                  description={
                    <FieldDescription
                      value={text.value(field.value, field.name)}
                      reason={prepared.field_reasons?.[field.name]}
                    />
                  }
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
        {prepared.username === null ? (
          <Alert variant="light" color="blue" title={t('access.consent.newAccountTitle')}>
            {t('access.consent.newAccount')}
          </Alert>
        ) : (
          <Text size="sm">
            {t('access.consent.account')}: <Code>{prepared.username}</Code>
          </Text>
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
        {present.length > 0 && <Text size="sm">{t('access.consent.declaration')}</Text>}
        {failure && (
          <Alert color="red" role="alert" title={t('common.errors.title')}>
            {failure}
          </Alert>
        )}
        {present.length > 0 && noneChosen && (
          <Text id={NONE_CHOSEN_ID} size="sm" c={DANGER} role="status">
            {t('access.consent.noneChosen')}
          </Text>
        )}
        <Group gap="sm">
          {present.length > 0 && (
            <Button
              type="submit"
              loading={pending === 'share'}
              disabled={noneChosen || pending === 'decline'}
              aria-describedby={noneChosen ? NONE_CHOSEN_ID : undefined}
            >
              {t('access.consent.accept')}
            </Button>
          )}
          <Button
            variant="default"
            onClick={onDecline}
            loading={pending === 'decline'}
            disabled={pending === 'share'}
          >
            {t('access.consent.decline')}
          </Button>
        </Group>
        {pending === 'share' && (
          <Alert role="status" variant="light">
            {t('access.steps.sharing')}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

/** A field's value as people read it, and the cooperative's reason for asking it, if given. */
function FieldDescription({ value, reason }: { value: string; reason: string | undefined }) {
  const { t } = useTranslation('id');
  return (
    <>
      {value}
      {reason && (
        <Text component="span" display="block" size="xs" c="dimmed" mt={2}>
          {t('access.consent.reason', { reason })}
        </Text>
      )}
    </>
  );
}
