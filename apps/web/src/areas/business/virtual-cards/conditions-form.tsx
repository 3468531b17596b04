import type { PutVirtualCardConditions, VirtualCardConditionsState } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import {
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { isConflict } from '../business-error';
import { formatInstant, toMajorText, toMinor } from '../../../lib/minor-units';

type AmountField = 'monthlyCap' | 'lowFunds' | 'perTransaction' | 'daily' | 'monthly';
type Draft = { issuing: boolean; maxCards: string } & Record<AmountField, string>;
/** A message key of the form, said in the language on screen, or the server's own text. */
type Said = { key: 'amount' | 'maxCards' } | { text: string };
type Problems = Partial<Record<AmountField | 'maxCards' | 'issuing', Said>>;

const text = (minor: number | null, currency: string) =>
  minor === null ? '' : toMajorText(minor, currency);

function draftOf(state: VirtualCardConditionsState, currency: string): Draft {
  return {
    issuing: state.issuing,
    maxCards: String(state.max_cards_per_member),
    monthlyCap: text(state.monthly_top_up_cap, currency),
    lowFunds: text(state.low_funds_threshold, currency),
    perTransaction: text(state.default_limits.per_transaction, currency),
    daily: text(state.default_limits.daily, currency),
    monthly: text(state.default_limits.monthly, currency),
  };
}

/**
 * The cooperative's conditions for virtual cards: owners and admins change them on top of the
 * revision shown (a 409 reloads them and says so), a viewer reads them. Amounts are typed in
 * major units and sent in minor units; the server's refusal to turn issuing on below the
 * extended level shows under the switch.
 */
export function ConditionsForm({
  state,
  currency,
  canEdit,
  save,
  reload,
}: {
  state: VirtualCardConditionsState;
  currency: string;
  canEdit: boolean;
  save: (conditions: PutVirtualCardConditions) => Promise<VirtualCardConditionsState>;
  reload: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const [draft, setDraft] = useState(() => draftOf(state, currency));
  const [revision, setRevision] = useState(state.revision);
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string>();
  const [told, setTold] = useState<'saved' | 'conflict'>();
  const say = (said?: Said) =>
    said === undefined
      ? undefined
      : 'key' in said
        ? t(`virtualCards.conditions.errors.${said.key}`)
        : said.text;
  const [busy, setBusy] = useState(false);
  // A newer revision (saved here, or reloaded after a conflict): the form shows it.
  if (state.revision !== revision) {
    setRevision(state.revision);
    setDraft(draftOf(state, currency));
  }
  const change = (part: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...part }));
    setTold(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {};
    const amount = (field: AmountField): number | null => {
      if (!draft[field].trim()) return null;
      const minor = toMinor(draft[field], currency);
      if (minor === undefined) found[field] = { key: 'amount' };
      return minor ?? null;
    };
    const maxCards = Number(draft.maxCards);
    if (!/^\d{1,2}$/.test(draft.maxCards.trim()) || maxCards < 1 || maxCards > 20)
      found.maxCards = { key: 'maxCards' };
    const input: PutVirtualCardConditions = {
      issuing: draft.issuing,
      max_cards_per_member: maxCards,
      monthly_top_up_cap: amount('monthlyCap'),
      low_funds_threshold: amount('lowFunds'),
      default_limits: {
        per_transaction: amount('perTransaction'),
        daily: amount('daily'),
        monthly: amount('monthly'),
      },
      expected_revision: state.revision,
    };
    setProblems(found);
    setFormError(undefined);
    setTold(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await save(input);
      setTold('saved');
    } catch (failure) {
      if (isConflict(failure)) {
        await reload();
        setTold('conflict');
      } else if (failure instanceof CardCoopError && failure.code === 'COOPERATIVE_NOT_EXTENDED') {
        setProblems({ issuing: { text: serverError(failure, tId) } });
      } else {
        setFormError(serverError(failure, tId));
      }
    } finally {
      setBusy(false);
    }
  };

  const amountInput = (field: AmountField) => (
    <TextInput
      label={t(`virtualCards.conditions.${field}`)}
      value={draft[field]}
      onChange={(event) => change({ [field]: event.currentTarget.value })}
      error={say(problems[field])}
      inputMode="decimal"
      autoComplete="off"
      readOnly={!canEdit}
      rightSection={
        <Text size="xs" c="dimmed" aria-hidden="true">
          {currency}
        </Text>
      }
      rightSectionWidth={44}
    />
  );

  return (
    <Paper
      component="section"
      aria-labelledby="vc-conditions"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="vc-conditions">
            {t('virtualCards.conditions.title')}
          </Title>
          <Text size="sm">{t('virtualCards.conditions.lead', { currency })}</Text>
          <Text size="sm" c="dimmed">
            {state.updated_at
              ? t('virtualCards.conditions.updated', {
                  at: formatInstant(state.updated_at, i18n.language),
                })
              : t('virtualCards.conditions.never')}
          </Text>
          <Switch
            label={t('virtualCards.conditions.issuing')}
            description={t(
              draft.issuing
                ? 'virtualCards.conditions.issuingOn'
                : 'virtualCards.conditions.issuingOff',
            )}
            checked={draft.issuing}
            onChange={(event) => change({ issuing: event.currentTarget.checked })}
            disabled={!canEdit}
            error={say(problems.issuing)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('virtualCards.conditions.maxCards')}
              value={draft.maxCards}
              onChange={(event) => change({ maxCards: event.currentTarget.value })}
              error={say(problems.maxCards)}
              inputMode="numeric"
              autoComplete="off"
              readOnly={!canEdit}
            />
            {amountInput('monthlyCap')}
            {amountInput('lowFunds')}
          </SimpleGrid>
          <Title order={3} size="h5">
            {t('virtualCards.conditions.limits')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {amountInput('perTransaction')}
            {amountInput('daily')}
            {amountInput('monthly')}
          </SimpleGrid>
          {canEdit && (
            <>
              <FormError message={formError} />
              <ProgressNote text={busy ? t('virtualCards.conditions.saving') : undefined} />
              <Group>
                <Button type="submit" loading={busy}>
                  {t('virtualCards.conditions.save')}
                </Button>
              </Group>
            </>
          )}
          <div role="status" aria-live="polite">
            {told && (
              <Text size="sm" fw={600}>
                {t(`virtualCards.conditions.${told}`)}
              </Text>
            )}
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
