import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import { ServerCrypto } from '../../src/infra/crypto/server-crypto.js';
import { JobQueue } from '../../src/infra/jobs/job-queue.js';
import { JobsRepository } from '../../src/infra/jobs/jobs.repository.js';
import { MetricsService } from '../../src/infra/metrics/metrics.service.js';
import { MailService } from '../../src/modules/mail/mail.service.js';
import type { Mailer, MailMessage } from '../../src/modules/mail/mailer.js';
import { SmtpMailer } from '../../src/modules/mail/smtp.mailer.js';
import { freePort } from '../support/server-process.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

const crypto = new ServerCrypto([{ kid: 'k1', key: new Uint8Array(randomBytes(32)) }]);

describe('mail through the job queue', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let testDatabase: TestDatabase;
  let database: Database;
  let repository: JobsRepository;
  let metrics: MetricsService;

  beforeAll(async () => {
    sink = await startSmtpSink();
    testDatabase = await createTestDatabase();
    database = await testDatabase.open();
    await database.migrate();
    repository = new JobsRepository(database);
    metrics = new MetricsService(database);
  });
  afterAll(async () => {
    await sink.close();
    await database.close();
    await testDatabase.drop();
  });

  const jobRows = async () =>
    (
      (await database.primary.execute(
        sql`select kind, payload_sealed, attempts, last_error, failed_at from jobs order by id`,
      )) as unknown as {
        rows: {
          kind: string;
          payload_sealed: string;
          attempts: number;
          last_error: string | null;
          failed_at: Date | null;
        }[];
      }
    ).rows;

  it('queues sealed mails and delivers them rendered in the chosen language over SMTP', async () => {
    const mailer = new SmtpMailer(sink.url);
    const queue = new JobQueue(repository, crypto, metrics);
    const mail = new MailService(mailer, queue);
    // Queued in a transaction, as with the change a mail tells about: not run before commit.
    await database.primary.transaction(async (tx) => {
      await mail.send(
        'anna@coop.example',
        { kind: 'code', code: '482913', purpose: 'registration', minutes: 10 },
        'en',
        tx,
      );
      await mail.send(
        'anna@coop.example',
        { kind: 'new-device-login', device: 'Firefox', at: '2026-11-22 10:00' },
        'ru',
        tx,
      );
    });
    // Stored sealed: neither the address nor the code is readable in the table.
    const queued = JSON.stringify(await jobRows());
    expect(await repository.stats()).toMatchObject({ pending: 2, failed: 0 });
    expect(queued).not.toContain('anna@coop.example');
    expect(queued).not.toContain('482913');
    await queue.drain();
    await queue.onApplicationShutdown();
    mailer.close();
    expect(sink.received).toHaveLength(2);
    expect(sink.received[0]!.to).toEqual(['anna@coop.example']);
    expect(sink.received[0]!.text).toContain('Your registration code: 482913');
    expect(sink.received[1]!.text).toContain('«Firefox»');
    expect(sink.received[1]!.text).toContain('Вход в CARD.COOP с нового устройства');
    expect(sink.codeFor('anna@coop.example')).toBe('482913');
    expect(await repository.stats()).toMatchObject({ pending: 0, failed: 0 });
  });

  it('drops a decoy unsent', async () => {
    const sent: MailMessage[] = [];
    const queue = new JobQueue(repository, crypto, metrics);
    const mail = new MailService({ send: async (m) => void sent.push(m) }, queue);
    await database.primary.transaction((tx) =>
      mail.send(null, { kind: 'someone-tried-to-register' }, 'en', tx),
    );
    expect(await queue.drain()).toBe(1);
    await queue.onApplicationShutdown();
    expect(sent).toEqual([]);
    expect(await repository.stats()).toMatchObject({ pending: 0, failed: 0 });
  });

  it('keeps a mail the transport refused and retries it later, with the error recorded', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${await freePort()}`);
    const queue = new JobQueue(repository, crypto, metrics);
    await database.primary.transaction((tx) =>
      new MailService(mailer, queue).send(
        'x@coop.example',
        { kind: 'someone-tried-to-register' },
        'en',
        tx,
      ),
    );
    expect(await queue.drain()).toBe(1);
    await queue.onApplicationShutdown();
    mailer.close();
    const [row] = await jobRows();
    expect(row).toMatchObject({ kind: 'mail', attempts: 1, failed_at: null });
    expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Not due again yet (backoff): a second drain does not retry it at once.
    const again = new JobQueue(repository, crypto, metrics);
    new MailService(mailer, again);
    expect(await again.drain()).toBe(0);
    await database.primary.execute(sql`update jobs set run_at = now()`);
    const working: Mailer = { send: async () => {} };
    const third = new JobQueue(repository, crypto, metrics);
    new MailService(working, third);
    expect(await third.drain()).toBe(1);
    expect(await repository.stats()).toMatchObject({ pending: 0, failed: 0 });
  });

  it('gives up on a job of an unknown kind and keeps it for an operator', async () => {
    await repository.insert({
      kind: 'no-such-kind',
      payloadSealed: crypto.seal('job', '{}', 'job:no-such-kind'),
    });
    const queue = new JobQueue(repository, crypto, metrics);
    expect(await queue.drain()).toBe(1);
    const failed = (await jobRows()).find((row) => row.kind === 'no-such-kind');
    expect(failed?.failed_at).not.toBeNull();
    expect(failed?.last_error).toContain('no handler');
    expect(await metrics.render()).toMatch(
      /background_failures_total\{task="job:no-such-kind"\} 1/,
    );
    expect(await queue.drain()).toBe(0);
    await database.primary.execute(sql`delete from jobs`);
  });

  it('lets two runners share the work without running a job twice', async () => {
    const delivered: string[] = [];
    const mailer: Mailer = { send: async (m) => void delivered.push(m.to) };
    const a = new JobQueue(repository, crypto, metrics);
    const b = new JobQueue(repository, crypto, metrics);
    const mailA = new MailService(mailer, a);
    new MailService(mailer, b);
    for (let i = 0; i < 30; i += 1)
      await mailA.send(`m${i}@coop.example`, { kind: 'someone-tried-to-register' }, 'en');
    await Promise.all([a.drain(), b.drain()]);
    expect(new Set(delivered).size).toBe(30);
    expect(delivered).toHaveLength(30);
  });
});
