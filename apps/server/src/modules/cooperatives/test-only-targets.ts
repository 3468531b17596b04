import { AppError } from '../../common/errors/app-error.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `url` is an http(s) address on this machine: `localhost`, `127.0.0.1` or `[::1]`. */
export function isTestTarget(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      LOOPBACK_HOSTS.has(parsed.hostname)
    );
  } catch {
    return false;
  }
}

const notVerified = (path: string) =>
  new AppError('NOT_VERIFIED', 422, {
    details: [{ path, code: 'custom', message: 'only localhost until ownership is proven' }],
  });

/**
 * While nobody has proven owning the cooperative's chain account (`verified_at` null), its
 * integration is a test one: origins, redirect URIs and the entry URL may only point at this
 * machine, so a squatter of a coopname can never have members' data sent anywhere real.
 * 422 NOT_VERIFIED otherwise. Only the settings given are checked.
 */
export function assertTestOnlyTargets(
  cooperative: { verifiedAt: Date | null },
  settings: { origins?: string[]; redirectUris?: string[]; entryUrl?: string | null },
): void {
  if (cooperative.verifiedAt) return;
  const { origins = [], redirectUris = [], entryUrl } = settings;
  if (!origins.every(isTestTarget)) throw notVerified('origins');
  if (!redirectUris.every(isTestTarget)) throw notVerified('redirect_uris');
  if (entryUrl && !isTestTarget(entryUrl)) throw notVerified('entry_url');
}

/** At connect time: where a ticket of an unverified cooperative may go (see above). */
export function assertTestOnlyTarget(cooperative: { verifiedAt: Date | null }, target: string) {
  if (!cooperative.verifiedAt && !isTestTarget(target)) throw notVerified('redirect_uri');
}
