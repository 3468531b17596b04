// The server serves the API on the same origin as the app (CSP: connect-src 'self').
export const API_BASE = '/api/v1';
