export * from './admin.js';
export * from './auth.js';
export * from './card.js';
export * from './errors.js';
export * from './health.js';
export * from './card/card-formats.js';
export * from './card/card-schema.js';
export * from './card/ru-documents.js';
