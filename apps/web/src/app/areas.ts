// The three lazily loaded areas of the app, in navigation order.
export const AREAS = [
  { key: 'id', path: '/id' },
  { key: 'member', path: '/member' },
  { key: 'business', path: '/business' },
] as const;

export type AreaKey = (typeof AREAS)[number]['key'];
