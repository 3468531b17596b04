import { createContext, useContext } from 'react';
import type { StaffCooperative } from './use-cooperatives';

const CoopContext = createContext<StaffCooperative | undefined>(undefined);

export const CoopProvider = CoopContext.Provider;

/** The cooperative of the current `/business/:coopname` page, with the member's role in it. */
export function useCoop(): StaffCooperative {
  const coop = useContext(CoopContext);
  if (!coop) throw new Error('useCoop outside CoopLayout');
  return coop;
}
