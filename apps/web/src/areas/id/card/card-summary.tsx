import { Alert, Badge, Button, DataList, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { isValidPhone } from '@cardcoop/contracts';
import type { CardRecord } from '@cardcoop/sdk';
import { useTranslation } from 'react-i18next';
import { formatDate, formatPhone } from '../../../lib/format';
import { countryName, currencyLabel } from './card-choices';
import type { CardSpec, CardValues, FieldSpec } from './card-fields';
import { CARD_FORMS, FACT_ADDRESS, hasValues, LEGAL_ADDRESS, valuesFromCard } from './card-fields';
import { fieldLabelKey, groupLabelKey, organizationTypeKey } from './card-labels';
import { displayValue } from './card-masks';
import { useFocusOnMount } from './use-focus-on-mount';

interface SummaryListProps {
  specs: CardSpec[];
  values: CardValues;
  /** Heading level of the nested groups. */
  level?: 3 | 4 | 5;
}

function SummaryList({ specs, values, level = 3 }: SummaryListProps) {
  const { t, i18n } = useTranslation('id');
  const readable = (field: FieldSpec, value: string) => {
    if (field.path === FACT_ADDRESS && value === values[LEGAL_ADDRESS]) {
      return t('card.summary.sameAddress');
    }
    if (field.name === 'currency') return currencyLabel(value, i18n.language);
    if (field.options) return t(organizationTypeKey(value));
    if (field.format === 'country-code') return countryName(value, i18n.language);
    if (field.format === 'date') return formatDate(value, i18n.language);
    if (field.format === 'phone') return formatPhone(value);
    return displayValue(field.format, value);
  };
  const fields = specs.filter(
    (spec): spec is FieldSpec => spec.type === 'field' && Boolean(values[spec.path]),
  );
  return (
    <Stack gap="md">
      {fields.length > 0 && (
        <DataList orientation="vertical" gap="xs">
          {fields.map((field) => (
            <DataList.Item key={field.path}>
              <DataList.ItemLabel>{t(fieldLabelKey(field))}</DataList.ItemLabel>
              <DataList.ItemValue>
                {readable(field, values[field.path] ?? '')}
                {field.format === 'phone' && !isValidPhone(values[field.path] ?? '') && (
                  <Alert variant="light" color="orange" mt={4} p="xs">
                    {t('card.summary.phoneNotE164')}
                  </Alert>
                )}
              </DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      )}
      {specs.map(
        (spec) =>
          spec.type === 'group' &&
          hasValues(spec, values) && (
            <Stack key={spec.path} gap="xs">
              <Title order={level} size="h4">
                {t(groupLabelKey(spec))}
              </Title>
              <SummaryList specs={spec.children} values={values} level={level === 3 ? 4 : 5} />
            </Stack>
          ),
      )}
    </Stack>
  );
}

interface CardSummaryProps {
  record: CardRecord;
  onEdit: () => void;
  /** Just saved: say so. */
  saved: boolean;
  /** Back from the form: focus moves here from the form that is gone. */
  focus: boolean;
}

/** The card, read-only, as the member entered it. */
export function CardSummary({ record, onEdit, saved, focus }: CardSummaryProps) {
  const { t, i18n } = useTranslation('id');
  const heading = useFocusOnMount<HTMLHeadingElement>(focus);
  const updatedAt = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(record.updatedAt));

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
      <Stack>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={4}>
            <Title order={2} ref={heading} tabIndex={-1}>
              {t('card.summary.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('card.summary.updatedAt', { date: updatedAt })}
            </Text>
          </Stack>
          <Badge variant="light" size="lg">
            {t(`card.kind.${record.data.kind}`)}
          </Badge>
        </Group>
        {saved && (
          <Alert role="status" color="green" variant="light">
            {t('card.summary.saved')}
          </Alert>
        )}
        {record.migratedFrom !== undefined && (
          <Alert variant="light">{t('card.summary.migrated')}</Alert>
        )}
        <SummaryList specs={CARD_FORMS[record.data.kind]} values={valuesFromCard(record.data)} />
        <Group>
          <Button onClick={onEdit}>{t('card.summary.edit')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
