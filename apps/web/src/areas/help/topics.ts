/** The help centre's questions, in its order, with the anchor each answers at (`/help#…`). */
export const TOPICS = [
  { key: 'card', anchor: 'card' },
  { key: 'zeroKnowledge', anchor: 'zero-knowledge' },
  { key: 'recoveryKit', anchor: 'recovery-kit' },
  { key: 'sharing', anchor: 'sharing' },
  { key: 'closeAccount', anchor: 'close-account' },
  { key: 'deleteAccount', anchor: 'delete-account' },
  { key: 'twoFactor', anchor: 'two-factor' },
  { key: 'serverSees', anchor: 'server-sees' },
] as const;

/** The answer each screen of the member's card links its "?" to. */
export const SCREEN_HELP = {
  card: '/help#card',
  accounts: '/help#close-account',
  access: '/help#sharing',
  security: '/help#two-factor',
} as const;
