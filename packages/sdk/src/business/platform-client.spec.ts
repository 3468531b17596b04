import { describe, expect, it } from 'vitest';
import { grantPlatformRole } from '../../../../apps/server/test/support/platform-fixture.js';
import { setSteppedUp } from '../../../../apps/server/test/support/staff-fixture.js';
import { createClient } from '../client.js';
import { errorCode, registeredMember } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';
import { createPlatformClient } from './platform-client.js';

const scene = memberEachTest();
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const userId = () => scene.fixture.registered.tokens.user_id;

/** The scene's member becomes a platform admin, stepped up in this session. */
async function platformAdmin() {
  await grantPlatformRole(scene.server, userId(), 'platform_admin');
  await setSteppedUp(scene.server, scene.fixture.registered.tokens.session_id, 0);
  return createPlatformClient(scene.member);
}

describe('platform', () => {
  it('is refused to a member without a platform role, who may still ask for their role', async () => {
    const platform = createPlatformClient(scene.member);
    expect(await platform.myRole()).toBeNull();
    expect(await errorCode(platform.health.get())).toBe('FORBIDDEN');
    expect(await errorCode(platform.users.find(scene.fixture.email))).toBe('FORBIDDEN');
  });

  it('staff, users, audit and health for a platform admin', async () => {
    const platform = await platformAdmin();
    expect(await platform.myRole()).toBe('platform_admin');
    expect(await platform.staff.list()).toContainEqual(
      expect.objectContaining({ user_id: userId(), role: 'platform_admin' }),
    );
    expect(await errorCode(platform.staff.remove(userId()))).toBe('LAST_PLATFORM_ADMIN');

    const me = await platform.users.find(scene.fixture.email);
    expect(me).toMatchObject({ user_id: userId(), status: 'active' });
    expect(await platform.users.get(userId())).toEqual(me);
    const { events } = await platform.users.audit(userId(), { limit: 5 });
    expect(events.length).toBeGreaterThan(0);
    const exported = await platform.users.export(userId());
    expect(exported.account.user_id).toBe(userId());
    expect((await platform.users.pendingDeletions()).deletions).toEqual([]);

    const log = await platform.audit.list({ type: 'account.exported' });
    expect(log.events[0]).toMatchObject({ subject_id: userId(), data: { actor: userId() } });
    expect((await platform.audit.verify()).ok).toBe(true);
    expect((await platform.health.get()).checks.database).toBe('up');

    const cooperative = await platform.cooperatives.create({
      coopname: 'sdkplatform1',
      display_name: 'ПК «Платформа»',
    });
    expect(cooperative.client_secret).toBeTruthy();
    expect((await platform.cooperatives.list()).map((coop) => coop.coopname)).toContain(
      'sdkplatform1',
    );
    const current = await platform.cooperatives.get('sdkplatform1');
    const renamed = await platform.cooperatives.update('sdkplatform1', {
      expected_revision: current.revision,
      display_name: 'ПК «Платформа-2»',
    });
    expect(renamed.display_name).toBe('ПК «Платформа-2»');
    expect((await platform.cooperatives.rotateSecret('sdkplatform1')).client_id).toBe(
      'sdkplatform1',
    );
    const rotated = await platform.cooperatives.rotateSecret('sdkplatform1');
    expect(rotated.previous_valid_until).toBeNull();
    const graced = await platform.cooperatives.rotateSecret('sdkplatform1', { grace_minutes: 30 });
    expect(graced.client_secret).not.toBe(rotated.client_secret);
    expect(Date.parse(graced.previous_valid_until ?? '')).toBeGreaterThan(Date.now());
  });

  it('locks and unlocks a member, and ends their sessions', async () => {
    const platform = await platformAdmin();
    const other = (await registeredMember(scene.server)).registered.tokens.user_id;
    expect((await platform.users.lock(other, 'sdk test')).status).toBe('locked');
    expect((await platform.users.unlock(other)).status).toBe('active');
    expect(await platform.users.endSessions(other)).toBe(0);
    await platform.staff.set(other, 'operator_reviewer');
    expect(await platform.staff.list()).toContainEqual(
      expect.objectContaining({ user_id: other, role: 'operator_reviewer' }),
    );
    await platform.staff.remove(other);
    expect(await errorCode(platform.users.completeDeletion(other))).toBe('NOT_FOUND');
  });

  it('announces maintenance that the public client lists', async () => {
    const platform = await platformAdmin();
    const created = await platform.maintenance.create({
      starts_at: inHours(1),
      ends_at: inHours(2),
      message_ru: 'Плановые работы',
      message_en: 'Planned works',
    });
    const moved = await platform.maintenance.update(created.id, { ends_at: inHours(3) });
    expect(moved.ends_at).not.toBe(created.ends_at);
    const client = createClient({ baseUrl: scene.server.url });
    expect((await client.maintenance.upcoming()).announcements).toEqual([moved]);
    await platform.maintenance.remove(created.id);
    expect((await client.maintenance.upcoming()).announcements).toEqual([]);
  });
});
