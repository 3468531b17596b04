/**
 * The cooperative account's K1 private key for `npm run coop -- prove`, from COOP_PRIVATE_KEY
 * (never from the command line, where it would sit in the shell history and the process list);
 * undefined when unset (the CLI then reads it from stdin).
 */
export function coopPrivateKeyFromEnv(): string | undefined {
  const value = process.env.COOP_PRIVATE_KEY?.trim();
  return value ? value : undefined;
}
