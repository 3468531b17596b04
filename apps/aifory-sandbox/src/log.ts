/**
 * Where the sandbox reports what it does (requests, webhooks). It never passes a PAN, CVV or
 * expiry. Default: silent.
 */
export type SandboxLog = (event: string, fields: Record<string, unknown>) => void;

export const silent: SandboxLog = () => undefined;
