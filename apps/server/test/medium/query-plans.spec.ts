import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '@cardcoop/contracts';
import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import {
  confirmedMember,
  grantRole,
  sharingCooperative,
  shareAndRead,
  sweepReadNotices,
} from '../support/business-scene.js';
import { RetentionService } from '../../src/modules/retention/retention.service.js';
import { captureQueries } from '../support/query-capture.js';
import type { CapturedQuery } from '../support/query-capture.js';
import { scansOf } from '../support/query-plan.js';
import type { PlanScan } from '../support/query-plan.js';
import { fakeEnvelope, loginRaw, post } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// Every statement the hot paths send (captured from the driver while real requests run, so the
// SQL is the repositories' own) is planned with `EXPLAIN (FORMAT JSON)` and sequential scans
// priced out (`enable_seqscan = off`): a `Seq Scan` still chosen, or an index read whole without
// a condition, means no index serves the statement at any size. That holds without filling
// tables with thousands of rows and is stricter than a plan on one data set, where the planner
// may prefer an index only by chance of the statistics.

/**
 * Tables with at most a few rows per cooperative or for the whole platform: a sequential scan of
 * them is as cheap as an index. Every other table grows with members, their use or time.
 */
const SMALL_TABLES = new Set([
  'cooperatives',
  'periodic_tasks',
  'read_notice_progress', // one row
  'platform_staff',
  'maintenance_announcements',
  'cooperative_logos',
  'payment_details',
  'virtual_card_conditions',
  'operator_applications',
  'operator_application_documents',
  'cooperative_claims',
  'reconciliation_runs',
]);

/** Whole-table reads that are not on a request's path, each with why it may read the table. */
const ALLOWED: { table: string; statement: RegExp; why: string }[] = [
  {
    table: 'users',
    statement: /^select ksf, count\(\*\)/,
    why: 'the decoy KSF tally: an aggregate over all accounts, cached by each node for 5 minutes',
  },
  ...['tickets', 'email_challenges', 'login_failures', 'test_shares', 'jobs'].map((table) => ({
    table,
    statement: new RegExp(`^with deleted as \\( delete from "${table}"`),
    why: 'the retention task keeps these to about a day of rows (failed jobs, test shares: a few), read once per 15-minute run',
  })),
];

const COOP = 'planscoop';
const EMAIL = 'plans.member@coop.example';
const PASSWORD = `${EMAIL} password`;
const meta = { version: 1, schema: CARD_SCHEMA_ID, kind: 'individual' };

let server: TestApp;
let database: Database;
const statements = new Map<string, CapturedQuery>();

const get = (path: string, authorization: string) =>
  fetch(`${server.url}/api/v1${path}`, { headers: { authorization } });

/** The hot paths of members, cooperatives' servers and staff, as the product drives them. */
async function drive(): Promise<void> {
  const credentials = await sharingCooperative(server, COOP);
  const { userId, token } = await confirmedMember(server, credentials, COOP, EMAIL, 'plansmembera');
  await grantRole(server, COOP, userId, 'owner');
  const bearer = `Bearer ${token}`;
  // Logins: a failed round (the lockout rows) and a good one, then a refresh.
  await loginRaw(server.url, EMAIL, 'not the password').catch(() => undefined);
  const { json } = await loginRaw(server.url, EMAIL, PASSWORD);
  const tokens = tokenResponseSchema.parse(json);
  await post(server.url, '/api/v1/auth/refresh-token', { refresh_token: tokens.refresh_token });
  // The card: issued, read, written.
  await post(server.url, '/api/v1/card/issue', { card: fakeEnvelope('v1'), meta }, token);
  await get('/card', bearer);
  await fetch(`${server.url}/api/v1/card`, {
    method: 'PUT',
    headers: { authorization: bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ expected_revision: 1, card: fakeEnvelope('v2'), meta }),
  });
  // A share, its ticket exchanged, the grant read by the cooperative's server.
  await shareAndRead(server, credentials, token, COOP, 2);
  await post(server.url, '/api/v1/notifications/read-all', {}, token);
  for (const path of [
    '/card/accounts',
    '/access/list',
    '/activity',
    '/activity/logins',
    '/audit',
    '/balances',
    '/contributions',
    '/dashboard',
    '/meetings',
    '/notifications',
    '/notifications?unread=true',
    '/notifications/unread-count',
    '/notifications/preferences',
    '/notifications/push/subscriptions',
    '/recommendations',
    '/sessions',
    '/auth/totp',
    '/aifory/cards',
    '/cooperatives',
    '/business/cooperatives',
    `/business/cooperatives/${COOP}/members`,
    `/business/cooperatives/${COOP}/stats`,
    `/business/cooperatives/${COOP}/meetings`,
    `/business/cooperatives/${COOP}/payment-requests`,
    `/business/cooperatives/${COOP}/webhooks`,
    `/business/cooperatives/${COOP}/virtual-cards`,
    `/business/cooperatives/${COOP}/virtual-cards/cards`,
    `/business/cooperatives/${COOP}/virtual-cards/top-ups`,
  ])
    await get(path, bearer);
  for (const path of ['/coop/payment-requests', '/coop/meetings', '/coop/closed-accounts'])
    await get(path, credentials);
  // The job poller claims what the requests queued (mails, webhooks); the retention task and
  // the read notices run (the reads' events as settled).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await server.app.get(RetentionService).runOnce();
  expect(await sweepReadNotices(server)).toBe(1);
}

beforeAll(async () => {
  server = await startTestApp();
  database = server.app.get<Database>(DATABASE);
  const capture = captureQueries();
  try {
    await drive();
  } finally {
    capture.stop();
  }
  for (const query of capture.queries)
    if (/^\s*(with|select|insert|update|delete)\b/i.test(query.text))
      statements.set(query.text.replace(/\s+/g, ' ').trim(), query);
}, 120_000);
afterAll(() => server.close());

/** A scan that reads a growing table whole: sequential, or an index without a condition. */
const readsWhole = (scan: PlanScan) =>
  !SMALL_TABLES.has(scan.relation) &&
  (scan.node === 'Seq Scan' ||
    (/^(Index|Bitmap)/.test(scan.node) && !scan.indexCond && !scan.limited));

describe('query plans of the hot paths', () => {
  it('read no growing table whole: every statement the requests ran has an index to use', async () => {
    const problems: string[] = [];
    const tables = new Set<string>();
    for (const [text, query] of statements) {
      const scans = await scansOf(database, query);
      for (const scan of scans) tables.add(scan.relation);
      const allowed = (scan: PlanScan) =>
        ALLOWED.some((rule) => rule.table === scan.relation && rule.statement.test(text));
      for (const scan of scans.filter((scan) => readsWhole(scan) && !allowed(scan)))
        problems.push(
          `${scan.node} on ${scan.relation} (${scan.index ?? 'no index'}): ${text.slice(0, 300)}`,
        );
    }
    expect(problems).toEqual([]);
    // The statements did reach the hot tables (a broken capture would pass vacuously): 98
    // distinct statements when this was written.
    expect(statements.size).toBeGreaterThanOrEqual(90);
    expect([...tables].sort()).toEqual(
      expect.arrayContaining([
        'audit_events',
        'card_accounts',
        'cards',
        'email_challenges',
        'grants',
        'idempotency_keys',
        'jobs',
        'ledger_entries',
        'login_failures',
        'memberships',
        'money_operations',
        'notifications',
        'refresh_tokens',
        'sessions',
        'tickets',
        'users',
        'virtual_cards',
        'webhook_deliveries',
      ]),
    );
  });
});
