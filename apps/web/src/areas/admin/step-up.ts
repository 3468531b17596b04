import { useCallback } from 'react';
import { useStepUp as useSharedStepUp } from '../../components/step-up';
import type { StepUpMode } from '../../components/step-up';
import { usePlatform } from './use-platform';

/**
 * The step-up dialog of `/admin`: it asks first for what the admin's account has (the code with
 * 2FA on, the password with it off).
 */
export function useStepUp() {
  const { member } = usePlatform();
  const firstMode = useCallback(
    async (): Promise<StepUpMode> => ((await member.totp.status()).enabled ? 'code' : 'password'),
    [member],
  );
  return useSharedStepUp({ stepUp: (input) => member.stepUp(input), firstMode });
}
