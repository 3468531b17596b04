import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface DayRange {
  from: string;
  to: string;
}

type RangeProblem = 'invalid' | 'order' | 'tooLong';

const DAY_MS = 86_400_000;

/** What is wrong with a typed range, by field (both days included, at most 366). */
export function checkRange(range: DayRange): { from?: RangeProblem; to?: RangeProblem } {
  const problems: { from?: RangeProblem; to?: RangeProblem } = {};
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(range.from) || Number.isNaN(Date.parse(range.from))) problems.from = 'invalid';
  if (!day.test(range.to) || Number.isNaN(Date.parse(range.to))) problems.to = 'invalid';
  if (problems.from || problems.to) return problems;
  const days = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;
  if (days < 1) problems.to = 'order';
  else if (days > 366) problems.to = 'tooLong';
  return problems;
}

/**
 * A date range (two date inputs and a submit button), each wrong date said under its input;
 * `extra` goes between the dates and the button (a status filter).
 */
export function RangeForm({
  label,
  submitLabel,
  range,
  onChange,
  extra,
}: {
  label: string;
  submitLabel: string;
  range: DayRange;
  onChange: (range: DayRange) => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation('business');
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [problems, setProblems] = useState<ReturnType<typeof checkRange>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkRange({ from, to });
    setProblems(found);
    if (!found.from && !found.to) onChange({ from, to });
  };
  const say = (problem?: RangeProblem) =>
    problem ? t(`virtualCards.range.${problem}`) : undefined;
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Group align="flex-start" gap="sm">
        <TextInput
          type="date"
          label={t('virtualCards.range.from')}
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          error={say(problems.from)}
          w={{ base: '100%', xs: 170 }}
        />
        <TextInput
          type="date"
          label={t('virtualCards.range.to')}
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          error={say(problems.to)}
          w={{ base: '100%', xs: 170 }}
        />
        {extra}
        <Button type="submit" mt={{ base: 0, xs: 25 }}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}
