// @ts-check
// The example's public surface (types in index.d.ts): start the site in-process, e.g. in tests.
export { configFromEnv } from './src/config.js';
export { createCoopSite } from './src/site.js';
