// The three lazily loaded areas of the app, in navigation order.
export const AREAS = [
  { key: 'id', path: '/id' },
  { key: 'member', path: '/member' },
  { key: 'business', path: '/business' },
] as const;

export type AreaKey = (typeof AREAS)[number]['key'];

// A signed-in member's menu: the home, the screens of the card, then Help (see app-layout.tsx).
export const MEMBER_NAV = [
  { key: 'home', path: '/member' },
  { key: 'card', path: '/id/card' },
  { key: 'accounts', path: '/id/accounts' },
  { key: 'contributions', path: '/member/contributions' },
  { key: 'virtualCards', path: '/member/virtual-cards' },
  { key: 'meetings', path: '/member/meetings' },
  { key: 'access', path: '/id/access' },
  { key: 'security', path: '/id/security' },
] as const;
