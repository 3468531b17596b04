import { describe, expect, it } from 'vitest';
import { putOnStaff, uniqueCoopname } from '../../../../apps/server/test/support/staff-fixture.js';
import {
  enableTotp,
  errorCode,
  mailsTo,
  registerCooperative,
  registeredMember,
} from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';
import { fixtureMember } from '../testing/sharing-scene.js';
import { createBusinessClient } from './business-client.js';

const scene = memberEachTest();

/** A new cooperative with the scene's member as its one owner. */
async function ownedCooperative(): Promise<string> {
  const coopname = uniqueCoopname();
  await registerCooperative(scene.server, { coopname, display_name: 'ПК «Восход»' });
  await putOnStaff(scene.server, coopname, scene.fixture.registered.tokens.user_id, 'owner');
  return coopname;
}

/** The token of the newest invitation link mailed to `email`. */
async function mailedInvitation(email: string): Promise<string> {
  for (const mail of await mailsTo(scene.server, email)) {
    const token = /\/business\/invitations\/([\w-]+)/.exec(mail.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no invitation mailed to ${email}`);
}

describe('business.cooperatives and business.staff', () => {
  it('invites, accepts, changes roles after a step-up, removes; the last owner stays', async () => {
    const coopname = await ownedCooperative();
    const business = createBusinessClient(scene.member);
    expect(await business.cooperatives.list()).toEqual([
      { coopname, display_name: 'ПК «Восход»', role: 'owner', verified: true, status: 'active' },
    ]);

    const colleague = await registeredMember(scene.server);
    const colleagueMember = fixtureMember(scene.server, colleague);
    const theirs = createBusinessClient(colleagueMember);
    try {
      const invitation = await business.staff.invite(coopname, {
        email: colleague.email,
        role: 'admin',
      });
      expect(invitation.role).toBe('admin');
      const token = await mailedInvitation(colleague.email);
      expect(await theirs.staff.invitation(token)).toMatchObject({
        coopname,
        display_name: 'ПК «Восход»',
        role: 'admin',
      });
      expect(await theirs.staff.accept(token)).toEqual({ coopname, role: 'admin' });
      expect(await errorCode(theirs.staff.accept(token))).toBe('INVITATION_INVALID');

      const list = await business.staff.list(coopname);
      expect(list.staff.map((row) => [row.role, row.email, row.you])).toEqual([
        ['owner', scene.fixture.email, true],
        ['admin', colleague.email, false],
      ]);
      const colleagueId = colleague.registered.tokens.user_id;

      // Owner changes need a fresh second factor of this session.
      expect(await errorCode(business.staff.changeRole(coopname, colleagueId, 'viewer'))).toBe(
        'STEP_UP_REQUIRED',
      );
      expect(await errorCode(scene.member.stepUp({ totpCode: '123456' }))).toBe('REAUTH_REQUIRED');
      const stepped = await scene.member.stepUp({ password: scene.fixture.password });
      expect(Date.parse(stepped.valid_until)).toBeGreaterThan(Date.now());
      await business.staff.changeRole(coopname, colleagueId, 'viewer');
      expect((await theirs.cooperatives.list())[0]).toMatchObject({ coopname, role: 'viewer' });
      // An admin no more: a viewer cannot invite.
      expect(
        await errorCode(theirs.staff.invite(coopname, { email: 'x@coop.example', role: 'viewer' })),
      ).toBe('FORBIDDEN');

      expect(await errorCode(business.staff.leave(coopname))).toBe('LAST_OWNER');
      expect(
        await errorCode(
          business.staff.changeRole(coopname, scene.fixture.registered.tokens.user_id, 'admin'),
        ),
      ).toBe('LAST_OWNER');
      await business.staff.remove(coopname, colleagueId);
      expect(await theirs.cooperatives.list()).toEqual([]);
      expect(await errorCode(business.staff.remove(coopname, colleagueId))).toBe('NOT_FOUND');
    } finally {
      colleagueMember.session.close();
    }
  });

  it('revokes an invitation; a viewer leaves; stepUp takes an app code with 2FA on', async () => {
    const coopname = await ownedCooperative();
    const business = createBusinessClient(scene.member);
    const pending = await business.staff.invite(coopname, {
      email: 'pending@coop.example',
      role: 'viewer',
    });
    expect((await business.staff.list(coopname)).invitations).toEqual([
      expect.objectContaining({ id: pending.id, email_masked: 'p***@coop.example' }),
    ]);
    await business.staff.revokeInvitation(coopname, pending.id);
    expect((await business.staff.list(coopname)).invitations).toEqual([]);
    const token = await mailedInvitation('pending@coop.example');
    expect(await errorCode(business.staff.invitation(token))).toBe('INVITATION_INVALID');

    const viewer = await registeredMember(scene.server);
    await putOnStaff(scene.server, coopname, viewer.registered.tokens.user_id, 'viewer');
    const viewerMember = fixtureMember(scene.server, viewer);
    try {
      await createBusinessClient(viewerMember).staff.leave(coopname);
      expect(await createBusinessClient(viewerMember).cooperatives.list()).toEqual([]);
    } finally {
      viewerMember.session.close();
    }

    const { app } = await enableTotp(scene.fixture);
    expect(await errorCode(scene.member.stepUp({ password: scene.fixture.password }))).toBe(
      'MFA_REQUIRED',
    );
    await scene.member.stepUp({ totpCode: app.next() });
    await business.staff.changeRole(coopname, scene.fixture.registered.tokens.user_id, 'owner');
  });
});
