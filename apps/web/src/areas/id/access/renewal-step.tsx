import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FlowProgress } from './flow-progress';

interface RenewalStepProps {
  /** The fields the live grant covers: shared again with their current values. */
  fields: string[];
  onRenew: (fields: string[]) => void;
}

/**
 * Quick entry (ADR 018): the member consented before and the cooperative asks for nothing more,
 * so the share is made at once, with a progress line instead of the consent screen. Started
 * once per mount (a second effect run in development must not share twice).
 */
export function RenewalStep({ fields, onRenew }: RenewalStepProps) {
  const { t } = useTranslation('id');
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    onRenew(fields);
  }, [fields, onRenew]);
  return <FlowProgress>{t('access.steps.renewing')}</FlowProgress>;
}
