/** A staff member's role in one cooperative (ADR 019). */
export type StaffRole = 'owner' | 'admin' | 'viewer';

/** Whether the role may change the cooperative's settings (a viewer only reads). */
export const canChange = (role: StaffRole) => role !== 'viewer';

/**
 * The sub-navigation of `/business/:coopname`, in order. A viewer does not see the sections
 * that are only about changing things (none now: a viewer reads the webhooks and the
 * extended-level application too, without changing them).
 */
export const COOP_SECTIONS = [
  { key: 'overview', path: '', changesOnly: false },
  { key: 'integration', path: 'integration', changesOnly: false },
  { key: 'help', path: 'help', changesOnly: false },
  { key: 'stats', path: 'stats', changesOnly: false },
  { key: 'members', path: 'members', changesOnly: false },
  { key: 'webhooks', path: 'webhooks', changesOnly: false },
  { key: 'team', path: 'team', changesOnly: false },
  { key: 'extended', path: 'application', changesOnly: false },
  { key: 'virtualCards', path: 'virtual-cards', changesOnly: false },
] as const;

export type CoopSectionKey = (typeof COOP_SECTIONS)[number]['key'];

/** The sections the role sees. */
export const sectionsFor = (role: StaffRole) =>
  COOP_SECTIONS.filter((section) => canChange(role) || !section.changesOnly);
