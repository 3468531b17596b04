import { Alert, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from './admin-layout';
import { ClaimsSection } from './cooperatives/claims-section';
import { RegistrySection } from './cooperatives/registry-section';
import { useStepUp } from './step-up';
import type { Told } from './cooperatives/told';

/** `/admin/cooperatives`: pending ownership claims (approve, reject) and the registry. */
export function CooperativesPage() {
  const { t } = useTranslation('admin');
  const { guard, dialog } = useStepUp();
  // Told here: a decided claim leaves the queue, a changed cooperative may move in the list.
  const [done, setDone] = useState<Told>();
  const tell = (message: Told) => setDone(() => message);
  return (
    <Stack gap="lg">
      <SectionHeader title={t('nav.cooperatives')} lead={t('cooperatives.lead')} />
      {done && (
        <Alert color="green" role="status">
          {done(t)}
        </Alert>
      )}
      <ClaimsSection onDecided={tell} />
      <RegistrySection guard={guard} onDone={tell} />
      {dialog}
    </Stack>
  );
}
