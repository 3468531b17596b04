/** What replaces a secret in logs. */
export const REDACTED = '[REDACTED]';

// Field names whose values are secrets or personal data that logs must never carry.
const SECRET_KEY =
  /pass|secret|token|code$|^code|otp|key|cookie|authori|envelope|signature|private|recovery|export|cipher|record|nonce|ticket|verifier|challenge|session_state|login_state/i;
// Keys that contain a secret-looking word but only ever hold safe values.
const SAFE_KEYS = new Set(['statusCode', 'errorCode', 'keyPrefix', 'code_challenge_method']);
// A payment card's details (Aifory requisites), by exact name: `pan` must not hit `company`.
const CARD_KEYS = new Set(['pan', 'cvv', 'cvc', 'expiry', 'requisites']);
const EMAIL = /([^\s@"'<>]{1,64})@([^\s@"'<>]+\.[^\s@"'<>]+)/g;
const MAX_DEPTH = 8;

/** `ivan.petrov@example.org` → `i***@example.org`: enough to support a user, useless to a thief. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, (_match, local: string, domain: string) => `${local[0]}***@${domain}`);
}

/** Replaces the values of sensitive query parameters in a URL or path. */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return maskEmails(url);
  const params = new URLSearchParams(url.slice(question + 1));
  for (const name of [...params.keys()]) {
    if (isSecretKey(name)) params.set(name, REDACTED);
  }
  return maskEmails(`${url.slice(0, question)}?${params.toString()}`);
}

export function isSecretKey(key: string): boolean {
  return !SAFE_KEYS.has(key) && (SECRET_KEY.test(key) || CARD_KEYS.has(key.toLowerCase()));
}

/**
 * A copy of `value` safe to log: secret fields replaced, e-mails masked, depth bounded.
 * Applied to every log line, so a careless `logger.info({ body })` cannot leak.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = isSecretKey(key)
      ? REDACTED
      : key === 'url' && typeof inner === 'string'
        ? redactUrl(inner)
        : redact(inner, depth + 1);
  }
  return copy;
}
