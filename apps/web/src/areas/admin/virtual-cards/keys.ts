/** The cache keys of the section: the master account, the reconciliation reports. */
export const MASTER_KEY = ['admin', 'virtual-cards', 'master'];
export const RECONCILIATIONS_KEY = ['admin', 'virtual-cards', 'reconciliations'];
