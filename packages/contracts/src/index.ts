export * from './auth.js';
export * from './card.js';
export * from './errors.js';
export * from './health.js';
