import type { AdminAuditQuery } from '@cardcoop/contracts';
import { Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from '../admin-layout';
import { usePlatform } from '../use-platform';
import { AuditEvents } from './audit-events';
import { VerifyChain } from './verify-chain';

type Filter = Pick<AdminAuditQuery, 'type' | 'from' | 'to'>;

/** A `datetime-local` value (the admin's time zone) as an instant, or undefined when empty. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** `/admin/audit`: the whole log filtered by type and period, and its verification. */
export function AuditPage() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rangeError, setRangeError] = useState<string>();
  const [filter, setFilter] = useState<Filter>({});

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: Filter = { type: type.trim() || undefined, from: instant(from), to: instant(to) };
    if (next.from && next.to && next.from >= next.to) {
      setRangeError(t('audit.invalidRange'));
      return;
    }
    setRangeError(undefined);
    setFilter(next);
  };
  const query = Object.fromEntries(Object.entries(filter).filter(([, value]) => value));

  return (
    <Stack gap="lg">
      <SectionHeader title={t('nav.audit')} lead={t('audit.lead')} />
      <VerifyChain />
      <section aria-labelledby="admin-audit-filters">
        <Title order={2} size="h3" id="admin-audit-filters" mb="sm">
          {t('audit.filters')}
        </Title>
        <Paper withBorder p="md">
          <form onSubmit={apply} noValidate>
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t('audit.type')}
                placeholder={t('audit.typeHint')}
                value={type}
                onChange={(event) => setType(event.currentTarget.value)}
                maxLength={100}
                w={{ base: '100%', sm: 240 }}
              />
              <TextInput
                label={t('audit.from')}
                type="datetime-local"
                value={from}
                onChange={(event) => setFrom(event.currentTarget.value)}
                w={{ base: '100%', sm: 220 }}
              />
              <TextInput
                label={t('audit.to')}
                type="datetime-local"
                value={to}
                onChange={(event) => setTo(event.currentTarget.value)}
                error={rangeError}
                w={{ base: '100%', sm: 220 }}
              />
              <Button type="submit">{t('audit.apply')}</Button>
            </Group>
          </form>
        </Paper>
      </section>
      <section aria-label={t('nav.audit')}>
        <AuditEvents
          queryKey={['admin', 'audit', query]}
          load={(cursor) => platform.audit.list({ ...query, ...(cursor ? { cursor } : {}) })}
        />
      </section>
    </Stack>
  );
}
