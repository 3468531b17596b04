import type { Database } from '../../db/database.js';
import { normalizeEmail } from '../../infra/crypto/server-crypto.js';
import type { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { draftEvent } from '../audit/audit-draft.js';
import { SessionCache } from '../sessions/session-cache.js';
import { AdminUsersRepository } from './admin-users.repository.js';
import { PlatformStaffRepository } from './platform-staff.repository.js';

/**
 * `npm run coop -- platform-admin <email>`: makes the member with this e-mail (found by its
 * HMAC lookup; the address itself is neither stored nor printed) a platform admin — the first
 * one, who then appoints the others in `/admin`. Audited on the member's chain as `cli`.
 */
export async function bootstrapPlatformAdmin(
  database: Database,
  crypto: ServerCrypto,
  email: string,
): Promise<{ user_id: string; role: 'platform_admin'; outcome: string }> {
  // A cache that is not listening keeps nothing: this process only looks a member up.
  const users = new AdminUsersRepository(database, new SessionCache(database));
  const user = await users.findByLookups(crypto.lookups('email', normalizeEmail(email)));
  if (!user) throw new Error('no member has this e-mail: they register first, then run this');
  const event = {
    draft: draftEvent('platform_role.set', { role: 'platform_admin', actor: 'cli' }),
    ipSealed: null,
  };
  const outcome = await new PlatformStaffRepository(database).set(user.id, 'platform_admin', event);
  return { user_id: user.id, role: 'platform_admin', outcome };
}
