import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSay } from '../business-error';
import type { Problem } from '../business-error';

/**
 * An editable list of addresses: each with a remove button, and a field to add one that is
 * checked by `check` (a translated problem, or undefined) and for repeats before it joins.
 */
export function UrlList({
  label,
  hint,
  values,
  onChange,
  check,
  readOnly,
  error,
}: {
  label: string;
  hint: string;
  values: string[];
  onChange: (values: string[]) => void;
  check: (value: string) => Problem | undefined;
  readOnly: boolean;
  error?: string | undefined;
}) {
  const { t } = useTranslation('business');
  const id = useId();
  const [draft, setDraft] = useState('');
  const say = useSay();
  const [problem, setProblem] = useState<Problem>();

  const add = () => {
    const value = draft.trim();
    if (!value) return;
    const found: Problem | undefined = values.includes(value)
      ? { key: 'settings.duplicate' }
      : check(value);
    setProblem(found);
    if (found) return;
    onChange([...values, value]);
    setDraft('');
  };

  return (
    <Stack gap={6} role="group" aria-labelledby={`${id}-label`}>
      <Text fw={500} size="sm" id={`${id}-label`}>
        {label}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
      {values.length > 0 && (
        <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
          {values.map((value) => (
            <Group component="li" key={value} gap="xs" wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }} ff="monospace">
                {value}
              </Text>
              {!readOnly && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('settings.remove', { value })}
                  onClick={() => onChange(values.filter((item) => item !== value))}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
      {!readOnly && (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            aria-label={`${label}: ${t('settings.newItem')}`}
            placeholder="https://"
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
            error={say(problem)}
            style={{ flex: 1 }}
            spellCheck={false}
            autoCapitalize="none"
          />
          <Button variant="default" onClick={add}>
            {t('settings.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
