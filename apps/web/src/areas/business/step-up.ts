import { useStepUp as useSharedStepUp } from '../../components/step-up';
import { useBusiness } from './use-business';

/** The step-up dialog of the business panel, on the member's session (ADR 019). */
export function useStepUp() {
  const api = useBusiness();
  return useSharedStepUp({ stepUp: (input) => api.stepUp(input) });
}
