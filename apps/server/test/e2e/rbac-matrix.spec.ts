import { Controller, Get, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { POLICIES } from '../../src/modules/authz/policies.js';
import type { PolicyName, Principal } from '../../src/modules/authz/policies.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { SessionsService } from '../../src/modules/sessions/sessions.service.js';
import { basic } from '../support/coop-fixture.js';
import { openApiDocument } from '../support/openapi-document.js';
import { registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { changeSessions } from '../support/staff-fixture.js';

/** A route that forgot its policy: the guard must refuse it to everyone. */
@ApiExcludeController()
@Controller('rbac-probe')
class UndeclaredController {
  @Get()
  open(): { open: true } {
    return { open: true };
  }
}
@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

/** Who calls, in the matrix: one fixture per principal of the policy table. */
const CALLERS = [
  'anonymous',
  'member',
  'coop-client',
  'coop:owner',
  'coop:admin',
  'coop:viewer',
  'platform:operator_reviewer',
  'platform:platform_admin',
  'automation',
] as const;
type Caller = (typeof CALLERS)[number];
const MEMBER_CALLERS = new Set<Caller>([
  'member',
  'coop:owner',
  'coop:admin',
  'coop:viewer',
  'platform:operator_reviewer',
  'platform:platform_admin',
]);

/** What the table says: may `caller` pass the guard of a route with policy `name`? */
function allowedByTable(name: PolicyName, caller: Caller): boolean {
  const allow: readonly Principal[] = POLICIES[name].allow;
  if (allow.includes('public')) return true;
  if (caller === 'anonymous') return false;
  if (MEMBER_CALLERS.has(caller) && allow.includes('member')) return true;
  return allow.includes(caller as Principal);
}

/**
 * The guard's refusals; any other answer (2xx, 404, 409, 422, …) got past it. A public route's
 * guard refuses nobody, so a 401 there is the handler's own credential (e.g. a refresh token).
 */
const refused = (name: PolicyName, status: number, code: string | undefined) =>
  (status === 403 && code === 'FORBIDDEN') ||
  (status === 401 &&
    !(POLICIES[name].allow as readonly Principal[]).includes('public') &&
    (code === 'UNAUTHORIZED' || code === 'INVALID_TOKEN'));

const PARAMETER_VALUES: Record<string, string> = {
  username: 'nobody11',
  external_id: 'x1',
  file: `${'A'.repeat(43)}.ics`,
  token: 'A'.repeat(43),
};

let server: TestApp;
let database: Database;
const users: Partial<Record<Caller, string>> = {};
let serial = 0;

/** An Antelope name no other operation used: `rbac` + letters. */
function nextCoopname(): string {
  let n = serial++;
  let suffix = '';
  do {
    suffix = String.fromCharCode(97 + (n % 26)) + suffix;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `rbac${suffix}`;
}

/**
 * Fresh credentials for one operation: a new cooperative (its client credentials, the three
 * staff roles) and a new session per member, stepped up, so an operation that ends sessions,
 * rotates secrets or leaves a cooperative cannot spoil the next one's callers.
 */
async function callersFor(
  steppedUp = true,
): Promise<{ coopname: string; headers: Record<Caller, string | null> }> {
  const coopname = nextCoopname();
  const { clientSecret } = await server.app
    .get(CooperativesService)
    .create({ coopname, displayName: `RBAC ${coopname}` });
  for (const role of ['owner', 'admin', 'viewer'] as const) {
    await database.primary.execute(
      sql`insert into cooperative_staff (coopname, user_id, role) values (${coopname}, ${users[`coop:${role}`]!}, ${role})`,
    );
  }
  const headers = {
    anonymous: null,
    'coop-client': basic(coopname, clientSecret),
    automation: `Bearer ${server.secrets.adminApiKey}`,
  } as Record<Caller, string | null>;
  const sessions = server.app.get(SessionsService);
  for (const caller of MEMBER_CALLERS) {
    const tokens = await sessions.open({ userId: users[caller]!, amr: ['pwd'], ip: '127.0.0.1' });
    headers[caller] = `Bearer ${tokens.access_token}`;
  }
  await changeSessions(
    server,
    steppedUp
      ? sql`update sessions set stepped_up_at = now() where revoked_at is null returning id`
      : sql`update sessions set stepped_up_at = null returning id`,
  );
  return { coopname, headers };
}

beforeAll(async () => {
  server = await startTestApp({
    features: [UndeclaredModule],
    env: { RATE_LIMIT_MAX: '1000000' },
  });
  database = server.app.get<Database>(DATABASE);
  for (const caller of MEMBER_CALLERS) {
    const slug = caller.replace(/[^a-z]/g, '');
    users[caller] = (
      await registerRaw(server.url, `rbac-${slug}@example.test`, 'correct horse battery')
    ).userId;
  }
  for (const role of ['operator_reviewer', 'platform_admin'] as const) {
    await database.primary.execute(
      sql`insert into platform_staff (user_id, role) values (${users[`platform:${role}`]!}, ${role})`,
    );
  }
}, 60_000);
afterAll(() => server.close());

describe('RBAC matrix: every operation of the OpenAPI × every principal', () => {
  it('every operation declares a policy of the table', async () => {
    const { paths } = await openApiDocument(server);
    const undeclared: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const policy = (operation as { 'x-policy'?: string })['x-policy'];
        if (!policy || !(policy in POLICIES)) undeclared.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('a route without a declared policy is refused to everyone, the admin key included', async () => {
    for (const authorization of [undefined, `Bearer ${server.secrets.adminApiKey}`]) {
      const response = await fetch(`${server.url}/api/v1/rbac-probe`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(403);
    }
  });

  it('lets through exactly whom the table allows, and refuses everyone else', async () => {
    const { paths } = await openApiDocument(server);
    const mismatches: string[] = [];
    let calls = 0;
    for (const [template, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const policy = (operation as { 'x-policy'?: PolicyName })['x-policy'];
        if (!policy) continue;
        const { coopname, headers } = await callersFor();
        const path = template.replace(/\{(\w+)\}/g, (_all, name: string) =>
          name === 'coopname' ? coopname : (PARAMETER_VALUES[name] ?? crypto.randomUUID()),
        );
        for (const caller of CALLERS) {
          const hasBody = !['get', 'delete', 'head'].includes(method);
          const response = await fetch(`${server.url}${path}`, {
            method: method.toUpperCase(),
            headers: {
              ...(headers[caller] ? { authorization: headers[caller] } : {}),
              ...(hasBody ? { 'content-type': 'application/json' } : {}),
            },
            ...(hasBody ? { body: '{}' } : {}),
          });
          calls++;
          const text = await response.text();
          const code = text.startsWith('{')
            ? (JSON.parse(text) as { code?: string }).code
            : undefined;
          const expected = allowedByTable(policy, caller);
          if (refused(policy, response.status, code) === expected) {
            mismatches.push(
              `${method.toUpperCase()} ${template} [${policy}] as ${caller}: ${response.status} ${code ?? ''}, table says ${expected ? 'allow' : 'deny'}`,
            );
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('a step-up policy refuses a member allowed by role until a second factor is fresh', async () => {
    const { paths } = await openApiDocument(server);
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const [template, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const policy = (operation as { 'x-policy'?: PolicyName })['x-policy'];
        if (!policy || !('stepUp' in POLICIES[policy])) continue;
        const caller = [...MEMBER_CALLERS].find((candidate) => allowedByTable(policy, candidate));
        if (!caller) continue;
        const { coopname, headers } = await callersFor(false);
        const response = await fetch(
          `${server.url}${template.replace(/\{(\w+)\}/g, (_all, name: string) => (name === 'coopname' ? coopname : crypto.randomUUID()))}`,
          {
            method: method.toUpperCase(),
            headers: {
              authorization: headers[caller]!,
              ...(['get', 'delete'].includes(method) ? {} : { 'content-type': 'application/json' }),
            },
            ...(['get', 'delete'].includes(method) ? {} : { body: '{}' }),
          },
        );
        const body = (await response.json()) as { code?: string };
        checked.push(`${method} ${template}`);
        if (response.status !== 403 || body.code !== 'STEP_UP_REQUIRED') {
          wrong.push(
            `${method.toUpperCase()} ${template} as ${caller}: ${response.status} ${body.code}`,
          );
        }
      }
    }
    expect(checked.length).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});
