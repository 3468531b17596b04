import { Button, Group, MaskInput, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { typedFromDate } from '../../id/card/card-masks';
import { MAX_DAYS, parseRange } from './stats-range';
import type { RangeError } from './stats-range';

/**
 * The statistics' range: two dates typed day first (`дд.мм.гггг`) and "Показать"; a wrong date
 * is said under its input. The days are counted in the member's time zone, shown beside.
 */
export function RangeForm({
  range,
  tz,
  onChange,
}: {
  range: { from: string; to: string };
  tz: string;
  onChange: (range: { from: string; to: string }) => void;
}) {
  const { t } = useTranslation('business');
  const [from, setFrom] = useState(typedFromDate(range.from));
  const [to, setTo] = useState(typedFromDate(range.to));
  // Codes, said in the language on screen when shown.
  const [errors, setErrors] = useState<{ from?: RangeError; to?: RangeError }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseRange(from, to);
    if (parsed.range) {
      setErrors({});
      onChange(parsed.range);
      return;
    }
    setErrors(parsed.errors);
  };
  const say = (error?: RangeError) =>
    error ? t(`stats.range.errors.${error}`, { max: MAX_DAYS }) : undefined;
  const input = (which: 'from' | 'to', value: string, set: (raw: string) => void) => (
    <MaskInput
      label={t(`stats.range.${which}`)}
      mask="99.99.9999"
      slotChar={null}
      inputMode="numeric"
      placeholder={t('stats.range.placeholder')}
      defaultValue={value}
      onChangeRaw={set}
      error={say(errors[which])}
      w={{ base: '100%', xs: 160 }}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('stats.range.label')}>
      <Group align="flex-start" gap="sm">
        {input('from', from, setFrom)}
        {input('to', to, setTo)}
        <Button type="submit" mt={{ base: 0, xs: 25 }}>
          {t('stats.range.show')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {t('stats.range.tz', { tz })}
      </Text>
    </form>
  );
}
