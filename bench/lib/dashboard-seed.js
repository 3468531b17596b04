// What a member's home reads, on top of seed.js's members (two accounts each): a card per member,
// balances per confirmed membership, meetings per cooperative (past, cancelled, upcoming) with
// answers, three payment requests per account (requested, paid, overdue), 30 notifications per
// member (the latest 3 unread) and reads of most grants. Written with INSERT … SELECT over the
// seeded rows: a second or two for 1,000 members. The rows are realistic in size and shape; the
// card envelope is random text the dashboard never returns.
import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import pg from 'pg';
import { COOPERATIVES } from './seed.js';

const NOTIFICATIONS_PER_MEMBER = 30;
const UNREAD_PER_MEMBER = 3;
const DAY_MS = 86_400_000;

/** Per cooperative: one past, one cancelled and two upcoming meetings (`next` is the soonest). */
function meetingsOf(coopname, now) {
  const at = (days, hours = 0) => new Date(now + days * DAY_MS + hours * 3_600_000).toISOString();
  const meeting = (externalId, days, title) => ({
    externalId,
    input: {
      kind: 'general_meeting',
      title,
      description: 'Годовое общее собрание пайщиков: отчёт совета, смета, выборы.',
      agenda: [
        { title: 'Отчёт совета', speaker: 'Председатель' },
        { title: 'Утверждение сметы', description: 'Смета на следующий год' },
      ],
      starts_at: at(days),
      ends_at: at(days, 2),
      time_zone: 'Europe/Moscow',
      place: 'Москва, ул. Тверская, 1',
      online_url: `https://meet.example/${coopname}`,
      documents: [{ title: 'Смета', url: `https://${coopname}.example/docs/budget.pdf` }],
      registration_deadline: at(days - 1),
    },
  });
  return [
    { ...meeting('past', -30, 'Прошлое собрание'), cancelled: false },
    { ...meeting('cancelled', 3, 'Отменённое собрание'), cancelled: true },
    { ...meeting('next', 10, 'Общее собрание пайщиков'), cancelled: false },
    { ...meeting('later', 40, 'Собрание уполномоченных'), cancelled: false },
  ];
}

const STATEMENTS = [
  [
    'cards',
    `INSERT INTO cards (user_id, revision, meta, envelope, updated_at)
     SELECT id, 1 + floor(random() * 3)::int, $1::jsonb,
            jsonb_build_object('v', 1, 'alg', 'A256GCM', 'kid', '1',
                               'iv', left(md5(random()::text), 16),
                               'ct', repeat(md5(random()::text), 40)),
            now() - random() * interval '60 days'
       FROM users`,
    () => [JSON.stringify({ version: 1, schema: CARD_SCHEMA_ID, kind: 'individual' })],
  ],
  [
    'balances',
    `INSERT INTO balances (coopname, username, funds, as_of)
     SELECT coopname, username,
            jsonb_build_array(
              jsonb_build_object('fund', 'share_contribution',
                                 'amount', (random() * 1000000)::bigint, 'currency', 'RUB'),
              jsonb_build_object('fund', 'membership_fee',
                                 'amount', (random() * 50000)::bigint, 'currency', 'RUB'),
              jsonb_build_object('fund', 'other', 'name', 'Фонд развития',
                                 'amount', (random() * 10000)::bigint, 'currency', 'RUB')),
            now() - random() * interval '10 days'
       FROM memberships`,
  ],
  [
    'meetings',
    `INSERT INTO meetings (coopname, external_id, input, starts_at, ends_at,
                           registration_deadline, cancelled_at)
     SELECT c.coopname, m->>'externalId', m->'input', (m->'input'->>'starts_at')::timestamptz,
            (m->'input'->>'ends_at')::timestamptz,
            (m->'input'->>'registration_deadline')::timestamptz,
            CASE WHEN (m->>'cancelled')::boolean THEN now() END
       FROM cooperatives c, jsonb_array_elements($1::jsonb) m
      WHERE c.coopname = m->>'coopname'`,
    (coopnames) => [
      JSON.stringify(
        coopnames.flatMap((coopname) =>
          meetingsOf(coopname, Date.now()).map((meeting) => ({ ...meeting, coopname })),
        ),
      ),
    ],
  ],
  [
    'meeting_attendance',
    `INSERT INTO meeting_attendance (meeting_id, user_id, username, answer)
     SELECT m.id, a.user_id, a.username,
            (ARRAY['going', 'not_going', 'maybe'])[1 + floor(random() * 3)::int]
       FROM card_accounts a
       JOIN memberships ms ON ms.coopname = a.coopname AND ms.username = a.username
       JOIN meetings m ON m.coopname = a.coopname AND m.external_id IN ('past', 'next')
      WHERE random() < 0.6`,
  ],
  [
    'payment_requests',
    `INSERT INTO payment_requests (coopname, external_id, username, kind, amount, currency,
                                   due_date, purpose, status, payment_id, paid_at, created_at)
     SELECT a.coopname, a.username || '-' || r.n, a.username,
            CASE WHEN r.n = 1 THEN 'share_contribution' ELSE 'membership_fee' END,
            100000 + floor(random() * 900000)::bigint, 'RUB',
            CASE r.n WHEN 1 THEN current_date + (1 + floor(random() * 60)::int)
                     WHEN 2 THEN current_date - 40
                     ELSE current_date - (1 + floor(random() * 10)::int) END,
            'Взнос № ' || r.n,
            CASE WHEN r.n = 2 THEN 'paid' ELSE 'requested' END,
            CASE WHEN r.n = 2 THEN 'pay-' || a.username END,
            CASE WHEN r.n = 2 THEN now() - interval '35 days' END,
            now() - (r.n * interval '20 days')
       FROM card_accounts a, generate_series(1, 3) r(n)
`,
  ],
  [
    'notifications',
    `INSERT INTO notifications (user_id, type, coopname, data, created_at, read_at)
     SELECT u.id,
            (ARRAY['grant.read', 'balance.changed', 'security.new_device'])[1 + g % 3],
            CASE WHEN g % 3 = 2 THEN NULL ELSE 'benchcoop' || (1 + g % ${COOPERATIVES}) END,
            CASE WHEN g % 3 = 2 THEN '{"device":"Firefox on Linux"}'::jsonb ELSE '{}'::jsonb END,
            now() - g * interval '7 hours' - random() * interval '1 hour',
            CASE WHEN g > ${UNREAD_PER_MEMBER} THEN now() - g * interval '6 hours' END
       FROM users u, generate_series(1, ${NOTIFICATIONS_PER_MEMBER}) g`,
  ],
  [
    'grants',
    `UPDATE grants
        SET last_read_at = shared_at + random() * (now() - shared_at),
            read_count = 1 + floor(random() * 50)::int
      WHERE random() < 0.9`,
  ],
];

/**
 * Adds the home's rows for every member seeded by seedMembers into `databaseUrl`, in one
 * transaction; ANALYZEs the tables. Returns the rows written per table and the time taken.
 */
export async function seedDashboards(databaseUrl, coopnames) {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  const rows = {};
  try {
    await client.query('BEGIN');
    for (const [table, text, params] of STATEMENTS) {
      rows[table] = (await client.query(text, params?.(coopnames) ?? [])).rowCount;
    }
    await client.query('COMMIT');
    for (const [table] of STATEMENTS) await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
  return { rows, seconds: Math.round(performance.now() - started) / 1000 };
}
