/** The registry's query: every change of a cooperative refreshes it. */
export const REGISTRY_KEY = ['admin', 'cooperatives'] as const;
