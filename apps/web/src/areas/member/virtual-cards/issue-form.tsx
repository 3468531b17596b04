import { Alert, Button, NativeSelect, Stack, TextInput } from '@mantine/core';
import { issueVirtualCardSchema } from '@cardcoop/contracts';
import type { IssueVirtualCardResult } from '@cardcoop/contracts';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useMember } from '../../id/session/require-unlocked';

/**
 * Issues a virtual card in one of the cooperatives where the member may: the holder's name in
 * Latin capitals (checked by the contract's schema, the error under the field). One
 * Idempotency-Key per attempt, kept until it succeeds, so a retry after a lost answer does not
 * order a second card.
 */
export function IssueForm({
  cooperatives,
  onIssued,
}: {
  cooperatives: { coopname: string; display_name: string }[];
  onIssued: (result: IssueVirtualCardResult) => void;
}) {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards.issue' });
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const [coopname, setCoopname] = useState(cooperatives[0]?.coopname ?? '');
  const [holder, setHolder] = useState('');
  const [holderError, setHolderError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IssueVirtualCardResult>();
  const key = useRef<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = issueVirtualCardSchema.shape.holder_name.safeParse(holder.trim());
    if (!name.success) {
      setHolderError(t('holderInvalid'));
      return;
    }
    setHolderError(undefined);
    setError(undefined);
    setResult(undefined);
    setBusy(true);
    key.current ??= crypto.randomUUID();
    try {
      const issued = await member.virtualCards.issue(
        { coopname, holder_name: name.data },
        { idempotencyKey: key.current },
      );
      key.current = undefined;
      setResult(issued);
      if (issued.card) setHolder('');
      onIssued(issued);
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('title')}>
      <Stack gap="sm" maw={420}>
        {cooperatives.length > 1 && (
          <NativeSelect
            label={t('cooperative')}
            value={coopname}
            onChange={(event) => {
              setCoopname(event.currentTarget.value);
              key.current = undefined;
            }}
            data={cooperatives.map((coop) => ({ value: coop.coopname, label: coop.display_name }))}
          />
        )}
        <TextInput
          label={t('holder')}
          description={t('holderHint')}
          value={holder}
          onChange={(event) => {
            setHolder(event.currentTarget.value.toUpperCase());
            key.current = undefined;
          }}
          error={holderError}
          autoComplete="cc-name"
          autoCapitalize="characters"
          spellCheck={false}
          required
        />
        <ProgressNote text={busy ? t('progress') : undefined} />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {result?.card && (
          <Alert color="teal" role="status">
            {t('done', { last4: result.card.last4 })}
          </Alert>
        )}
        {result && !result.card && (
          <Alert color="blue" role="status">
            {t('pending')}
          </Alert>
        )}
        <Button type="submit" loading={busy} w="fit-content">
          {t('submit')}
        </Button>
      </Stack>
    </form>
  );
}
