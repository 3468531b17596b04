import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  invitationAcceptedSchema,
  invitationPreviewSchema,
  myCooperativeListSchema,
  staffInvitationSchema,
  staffListSchema,
} from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { mailsTo } from '../support/raw-member.js';
import {
  STAFF_FIXTURE_ENV,
  putOnStaff,
  setSteppedUp,
  staffFixture,
  staffMember,
  uniqueCoopname,
} from '../support/staff-fixture.js';
import type { StaffFixture, StaffFixtureMember } from '../support/staff-fixture.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp({ env: STAFF_FIXTURE_ENV });
});
afterAll(() => server.close());

const bearer = (member: { token: string }) => `Bearer ${member.token}`;

/** A JSON request with the given `authorization`; the status and the parsed body. */
async function api(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  authorization: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
const staffPath = (coop: { coopname: string }, rest = '') =>
  `/business/cooperatives/${coop.coopname}/staff${rest}`;

const query = async <T>(statement: ReturnType<typeof sql>) =>
  (
    (await server.app.get<Database>(DATABASE).primary.execute(statement)) as unknown as {
      rows: T[];
    }
  ).rows;

const owners = async (coopname: string) =>
  (
    await query<{ n: number }>(
      sql`select count(*)::int as n from cooperative_staff where coopname = ${coopname} and role = 'owner'`,
    )
  )[0]!.n;

/** The token of the newest invitation link mailed to `email`. */
async function invitationLink(email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const mails = (await mailsTo(server.url, email)).filter((mail) =>
      /\/business\/invitations\//.test(mail.text),
    );
    const last = mails[0];
    if (last) return last.text.match(/\/business\/invitations\/([\w-]+)/)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no invitation mailed to ${email}`);
}

async function invite(
  coop: StaffFixture,
  by: StaffFixtureMember,
  email: string,
  role: string,
  locale = 'ru',
) {
  const response = await fetch(`${server.url}/api/v1${staffPath(coop, '/invitations')}`, {
    method: 'POST',
    headers: {
      authorization: bearer(by),
      'content-type': 'application/json',
      'accept-language': locale,
    },
    body: JSON.stringify({ email, role }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const accept = (member: { token: string }, token: string) =>
  api('POST', '/business/invitations/accept', bearer(member), { token });

describe('GET /business/cooperatives', () => {
  it("lists the cooperatives where the member has a role, with the member's role in each", async () => {
    const first = await staffFixture(server, { roles: ['owner'], displayName: 'Альфа' });
    const second = await staffFixture(server, { roles: ['owner'] });
    const member = first.as('owner');
    await putOnStaff(server, second.coopname, member.userId, 'viewer');
    await query(
      sql`update cooperatives set verified_at = null, status = 'suspended' where coopname = ${second.coopname}`,
    );

    const answer = await api('GET', '/business/cooperatives', bearer(member));
    expect(answer.status).toBe(200);
    const { cooperatives } = myCooperativeListSchema.parse(answer.body);
    expect(cooperatives).toEqual(
      expect.arrayContaining([
        {
          coopname: first.coopname,
          display_name: 'Альфа',
          role: 'owner',
          verified: true,
          status: 'active',
        },
        {
          coopname: second.coopname,
          display_name: second.displayName,
          role: 'viewer',
          verified: false,
          status: 'suspended',
        },
      ]),
    );
    expect(cooperatives).toHaveLength(2);
  });

  it('is empty for a member without roles and refuses a caller without a token', async () => {
    const stranger = await staffMember(server, `stranger.${uniqueCoopname()}`);
    const answer = await api('GET', '/business/cooperatives', bearer(stranger));
    expect(answer.body).toEqual({ cooperatives: [] });
    expect((await api('GET', '/business/cooperatives', '')).status).toBe(401);
  });
});

describe('the staff list', () => {
  it('shows every role the members with their e-mail; invitations masked to managers only', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'admin', 'viewer'] });
    expect((await invite(coop, coop.as('admin'), 'New.Person@Coop.Example', 'viewer')).status).toBe(
      201,
    );

    const asViewer = staffListSchema.parse(
      (await api('GET', staffPath(coop), bearer(coop.as('viewer')))).body,
    );
    expect(asViewer.staff.map((row) => [row.role, row.email, row.you])).toEqual([
      ['owner', coop.as('owner').email, false],
      ['admin', coop.as('admin').email, false],
      ['viewer', coop.as('viewer').email, true],
    ]);
    expect(asViewer.invitations).toEqual([]);

    const asAdmin = staffListSchema.parse(
      (await api('GET', staffPath(coop), bearer(coop.as('admin')))).body,
    );
    expect(asAdmin.invitations).toHaveLength(1);
    expect(asAdmin.invitations[0]).toMatchObject({
      email_masked: 'n***@coop.example',
      role: 'viewer',
    });
    // The server keeps the invited address only sealed and as its lookup.
    const [stored] = await query<Record<string, unknown>>(
      sql`select * from staff_invitations where coopname = ${coop.coopname}`,
    );
    expect(JSON.stringify(stored)).not.toContain('coop.example');
  });

  it('refuses members of other cooperatives and members without a role', async () => {
    const coop = await staffFixture(server, { roles: ['owner'] });
    const other = await staffFixture(server, { roles: ['owner'] });
    const answer = await api('GET', staffPath(coop), bearer(other.as('owner')));
    expect(answer).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await api('GET', staffPath(coop), '')).status).toBe(401);
  });
});

describe('invitations', () => {
  it("mails a single-use link in the inviter's language; the addressee accepts it once", async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'admin'], displayName: 'Восход' });
    const invited = await staffMember(server, `invited.${coop.coopname}`);
    const created = await invite(coop, coop.as('admin'), invited.email, 'admin', 'en');
    expect(created.status).toBe(201);
    const invitation = staffInvitationSchema.parse(created.body);
    const days =
      (Date.parse(invitation.expires_at) - Date.parse(invitation.invited_at)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);

    const token = await invitationLink(invited.email);
    const [mail] = await mailsTo(server.url, invited.email).then((mails) =>
      mails.filter((m) => m.text.includes(token)),
    );
    expect(mail!.subject).toBe('Invitation to the business panel of "Восход" at CARD.COOP');
    expect(mail!.text).toContain(`${server.config.publicUrl}/business/invitations/${token}`);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    // Only the SHA-256 of the token is stored.
    const stored = await query<{ token_hash: string }>(
      sql`select token_hash from staff_invitations where id = ${invitation.id}`,
    );
    expect(stored[0]!.token_hash).not.toContain(token);

    const preview = await api('GET', `/business/invitations/${token}`, bearer(invited));
    expect(invitationPreviewSchema.parse(preview.body)).toEqual({
      coopname: coop.coopname,
      display_name: 'Восход',
      role: 'admin',
      expires_at: invitation.expires_at,
    });

    const accepted = await accept(invited, token);
    expect(accepted.status).toBe(200);
    expect(invitationAcceptedSchema.parse(accepted.body)).toEqual({
      coopname: coop.coopname,
      role: 'admin',
    });
    const list = staffListSchema.parse((await api('GET', staffPath(coop), bearer(invited))).body);
    expect(list.staff.find((row) => row.you)).toMatchObject({
      role: 'admin',
      email: invited.email,
    });
    expect(list.invitations).toEqual([]);

    // Used: refused, as is its preview.
    expect(await accept(invited, token)).toMatchObject({
      status: 404,
      body: { code: 'INVITATION_INVALID' },
    });
    expect((await api('GET', `/business/invitations/${token}`, bearer(invited))).status).toBe(404);

    const [event] = await query<{ data: Record<string, unknown> }>(
      sql`select data from audit_events where subject_id = ${invited.userId} and type = 'staff.joined'`,
    );
    expect(event!.data).toMatchObject({
      coopname: coop.coopname,
      actor: invited.userId,
      target_user_id: invited.userId,
      old_role: null,
      new_role: 'admin',
    });
    const [invitedEvent] = await query<{ data: Record<string, unknown> }>(
      sql`select data from audit_events where subject_id = ${coop.as('admin').userId} and type = 'staff.invited'`,
    );
    expect(invitedEvent!.data).toMatchObject({
      coopname: coop.coopname,
      actor: coop.as('admin').userId,
      invitation_id: invitation.id,
      new_role: 'admin',
    });
  });

  it('refuses a member whose e-mail is not the invited one, with the same code', async () => {
    const coop = await staffFixture(server, { roles: ['owner'] });
    const invited = await staffMember(server, `right.${coop.coopname}`);
    const intruder = await staffMember(server, `wrong.${coop.coopname}`);
    await invite(coop, coop.as('owner'), invited.email, 'viewer');
    const token = await invitationLink(invited.email);

    expect(await accept(intruder, token)).toMatchObject({
      status: 404,
      body: { code: 'INVITATION_INVALID' },
    });
    expect(await accept(intruder, 'A'.repeat(43))).toMatchObject({
      status: 404,
      body: { code: 'INVITATION_INVALID' },
    });
    // The intruder's try did not spend it.
    expect((await accept(invited, token)).status).toBe(200);
    expect((await api('GET', staffPath(coop), bearer(intruder))).status).toBe(403);
  });

  it('refuses expired and revoked links; inviting again replaces the open invitation', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'admin'] });
    const invited = await staffMember(server, `again.${coop.coopname}`);
    await invite(coop, coop.as('owner'), invited.email, 'viewer');
    const first = await invitationLink(invited.email);
    await invite(coop, coop.as('admin'), invited.email, 'admin');
    const second = await invitationLink(invited.email);
    expect(second).not.toBe(first);
    const list = staffListSchema.parse(
      (await api('GET', staffPath(coop), bearer(coop.as('owner')))).body,
    );
    expect(list.invitations.map((row) => row.role)).toEqual(['admin']);
    expect((await accept(invited, first)).body).toMatchObject({ code: 'INVITATION_INVALID' });

    // Expired.
    await query(
      sql`update staff_invitations set expires_at = now() - interval '1 second' where coopname = ${coop.coopname}`,
    );
    expect((await accept(invited, second)).body).toMatchObject({ code: 'INVITATION_INVALID' });

    // Revoked.
    const third = staffInvitationSchema.parse(
      (await invite(coop, coop.as('admin'), invited.email, 'viewer')).body,
    );
    const token = await invitationLink(invited.email);
    const revoked = await api(
      'DELETE',
      staffPath(coop, `/invitations/${third.id}`),
      bearer(coop.as('admin')),
    );
    expect(revoked.status).toBe(204);
    expect((await accept(invited, token)).body).toMatchObject({ code: 'INVITATION_INVALID' });
    expect(
      (await api('DELETE', staffPath(coop, `/invitations/${third.id}`), bearer(coop.as('admin'))))
        .status,
    ).toBe(404);
    expect(await owners(coop.coopname)).toBe(1);
  });

  it('lets admins invite admins and viewers only, and viewers nobody', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'admin', 'viewer'] });
    const email = `someone.${coop.coopname}@coop.example`;
    expect(await invite(coop, coop.as('admin'), email, 'owner')).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect((await invite(coop, coop.as('viewer'), email, 'viewer')).status).toBe(403);
    expect((await invite(coop, coop.as('owner'), email, 'owner')).status).toBe(201);
    expect((await invite(coop, coop.as('owner'), 'not-an-address', 'viewer')).status).toBe(422);
  });

  it("does not let a manager of another cooperative revoke this one's invitation", async () => {
    const coop = await staffFixture(server, { roles: ['owner'] });
    const other = await staffFixture(server, { roles: ['owner'] });
    const { id } = staffInvitationSchema.parse(
      (await invite(coop, coop.as('owner'), `x.${coop.coopname}@coop.example`, 'viewer')).body,
    );
    // Their own cooperative in the path: the invitation is not there.
    expect(
      (await api('DELETE', staffPath(other, `/invitations/${id}`), bearer(other.as('owner'))))
        .status,
    ).toBe(404);
    expect(
      (await api('DELETE', staffPath(coop, `/invitations/${id}`), bearer(other.as('owner'))))
        .status,
    ).toBe(403);
  });
});

describe('roles', () => {
  const patch = (coop: StaffFixture, by: StaffFixtureMember, userId: string, role: string) =>
    api('PATCH', staffPath(coop, `/${userId}`), bearer(by), { role });

  it("the owner changes a role after a step-up; audited in the changed member's chain", async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'viewer'] });
    const owner = coop.as('owner');
    const viewer = coop.as('viewer');
    expect(await patch(coop, owner, viewer.userId, 'admin')).toMatchObject({
      status: 403,
      body: { code: 'STEP_UP_REQUIRED' },
    });
    await setSteppedUp(server, owner.sessionId, 0);
    expect((await patch(coop, owner, viewer.userId, 'admin')).status).toBe(204);
    const [event] = await query<{ data: Record<string, unknown> }>(
      sql`select data from audit_events where subject_id = ${viewer.userId} and type = 'staff.role_changed'`,
    );
    expect(event!.data).toEqual({
      coopname: coop.coopname,
      actor: owner.userId,
      target_user_id: viewer.userId,
      old_role: 'viewer',
      new_role: 'admin',
    });
    expect((await patch(coop, owner, '00000000-0000-4000-8000-000000000000', 'admin')).status).toBe(
      404,
    );
    expect((await patch(coop, owner, 'not-a-uuid', 'admin')).status).toBe(400);
    expect((await patch(coop, owner, viewer.userId, 'boss')).status).toBe(422);
  });

  it('admins and viewers cannot change roles, even stepped up; nor an owner of another cooperative', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'admin', 'viewer'] });
    const other = await staffFixture(server, { roles: ['owner'] });
    for (const member of [coop.as('admin'), coop.as('viewer'), other.as('owner')]) {
      await setSteppedUp(server, member.sessionId, 0);
      expect(await patch(coop, member, coop.as('viewer').userId, 'owner')).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN' },
      });
      expect(
        (await api('DELETE', staffPath(coop, `/${coop.as('viewer').userId}`), bearer(member)))
          .status,
      ).toBe(403);
    }
    // A member of another cooperative's staff cannot be touched through this one.
    await setSteppedUp(server, coop.as('owner').sessionId, 0);
    expect((await patch(coop, coop.as('owner'), other.as('owner').userId, 'viewer')).status).toBe(
      404,
    );
    expect(await owners(other.coopname)).toBe(1);
  });

  it('the owner removes a member, who loses access at once; members leave', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'admin', 'viewer'] });
    const owner = coop.as('owner');
    await setSteppedUp(server, owner.sessionId, 0);
    expect(
      (await api('DELETE', staffPath(coop, `/${coop.as('admin').userId}`), bearer(owner))).status,
    ).toBe(204);
    expect((await api('GET', staffPath(coop), bearer(coop.as('admin')))).status).toBe(403);
    const [removed] = await query<{ data: Record<string, unknown> }>(
      sql`select data from audit_events where subject_id = ${coop.as('admin').userId} and type = 'staff.removed'`,
    );
    expect(removed!.data).toMatchObject({ actor: owner.userId, old_role: 'admin', new_role: null });

    expect((await api('POST', staffPath(coop, '/leave'), bearer(coop.as('viewer')))).status).toBe(
      204,
    );
    expect((await api('GET', staffPath(coop), bearer(coop.as('viewer')))).status).toBe(403);
    const left = staffListSchema.parse((await api('GET', staffPath(coop), bearer(owner))).body);
    expect(left.staff.map((row) => row.role)).toEqual(['owner']);
  });
});

describe('the last owner', () => {
  it('cannot leave, be demoted or be removed', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'viewer'] });
    const owner = coop.as('owner');
    await setSteppedUp(server, owner.sessionId, 0);
    const refused = { status: 422, body: { code: 'LAST_OWNER' } };
    expect(await api('POST', staffPath(coop, '/leave'), bearer(owner))).toMatchObject(refused);
    expect(
      await api('PATCH', staffPath(coop, `/${owner.userId}`), bearer(owner), {
        role: 'admin',
      }),
    ).toMatchObject(refused);
    expect(await api('DELETE', staffPath(coop, `/${owner.userId}`), bearer(owner))).toMatchObject(
      refused,
    );
    const english = await fetch(`${server.url}/api/v1${staffPath(coop, '/leave')}`, {
      method: 'POST',
      headers: { authorization: bearer(owner), 'accept-language': 'en' },
    });
    expect(((await english.json()) as { message: string }).message).toMatch(/last owner/);
    expect(await owners(coop.coopname)).toBe(1);

    // With a second owner, the first may step down.
    await putOnStaff(server, coop.coopname, coop.as('viewer').userId, 'owner');
    expect(
      (
        await api('PATCH', staffPath(coop, `/${owner.userId}`), bearer(owner), {
          role: 'viewer',
        })
      ).status,
    ).toBe(204);
    expect(await owners(coop.coopname)).toBe(1);
  });

  it('survives two owners demoting each other, and leaving, at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const coop = await staffFixture(server, { roles: ['owner', 'owner'] });
      const [a, b] = coop.members as [StaffFixtureMember, StaffFixtureMember];
      await setSteppedUp(server, a.sessionId, 0);
      await setSteppedUp(server, b.sessionId, 0);
      const answers = await Promise.all([
        api('PATCH', staffPath(coop, `/${b.userId}`), bearer(a), { role: 'viewer' }),
        api('PATCH', staffPath(coop, `/${a.userId}`), bearer(b), { role: 'viewer' }),
        api('POST', staffPath(coop, '/leave'), bearer(a)),
        api('POST', staffPath(coop, '/leave'), bearer(b)),
        api('DELETE', staffPath(coop, `/${b.userId}`), bearer(a)),
      ]);
      expect(await owners(coop.coopname)).toBe(1);
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 204).length).toBeGreaterThanOrEqual(1);
      // Every refusal is the last-owner rule or a caller who is no longer an owner.
      for (const answer of answers.filter((one) => one.status !== 204)) {
        expect(['LAST_OWNER', 'FORBIDDEN', 'NOT_FOUND']).toContain(
          (answer.body as { code: string }).code,
        );
      }
    }
  });
});
