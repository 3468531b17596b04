export { createClient } from './client.js';
export type { CardCoopClient, ClientOptions } from './client.js';
export { CardCoopError } from './errors.js';
export type { CardCoopErrorCode } from './errors.js';
export { HttpClient } from './http.js';
export type { HttpOptions, Language, RequestOptions } from './http.js';
