export * from './audit.js';
export * from './cards.js';
export * from './email-challenges.js';
export * from './email-reverts.js';
export * from './privacy.js';
export * from './sessions.js';
export * from './totp.js';
export * from './users.js';
