export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common';
export type StrengthScore = 0 | 1 | 2 | 3 | 4;

let common: Promise<Set<string>> | undefined;

/**
 * The most common passwords of at least 8 characters (the top 4,000 of zxcvbn-ts's list, MIT),
 * fetched on first use so they stay out of the first load.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('./common-passwords.txt?raw').then(
    ({ default: text }) => new Set(text.split('\n').filter(Boolean)),
  );
  return common;
}

/** Starts fetching the list early (when the member starts typing a new password). */
export function prefetchCommonPasswords(): void {
  void commonPasswords().catch(() => undefined);
}

const length = (password: string) => [...password].length;

/** What stops a new password from being accepted, if anything. */
export async function passwordProblem(password: string): Promise<PasswordProblem | undefined> {
  if (length(password) < MIN_PASSWORD) return 'tooShort';
  if (length(password) > MAX_PASSWORD) return 'tooLong';
  if ((await commonPasswords()).has(password.toLowerCase())) return 'common';
  return undefined;
}

const CLASSES: [RegExp, number][] = [
  [/[a-z]/, 26],
  [/[A-Z]/, 26],
  [/[0-9]/, 10],
  [/[а-яё]/, 33],
  [/[А-ЯЁ]/, 33],
  [/[^a-zA-Z0-9а-яёА-ЯЁ]/, 33],
];

/**
 * A rough strength estimate for the meter: bits from the alphabets used and the length, counted
 * over distinct characters only, so `aaaaaaaa1` or `abababab` score low.
 */
export function passwordStrength(password: string): StrengthScore {
  const chars = [...password];
  if (chars.length === 0) return 0;
  const pool = CLASSES.reduce(
    (sum, [pattern, size]) => (pattern.test(password) ? sum + size : sum),
    0,
  );
  const distinct = new Set(chars).size;
  const effective = Math.min(chars.length, distinct * 2);
  const bits = effective * Math.log2(pool);
  if (bits < 36) return 0;
  if (bits < 50) return 1;
  if (bits < 64) return 2;
  if (bits < 80) return 3;
  return 4;
}
