import { readFileSync } from 'node:fs';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { platformHealthSchema } from '@cardcoop/contracts';
import type { PlatformHealth } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { probe } from '../../infra/health/health.controller.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { MAILER } from '../mail/mailer.js';
import type { Mailer } from '../mail/mailer.js';
import { SmtpMailer } from '../mail/smtp.mailer.js';
import { Policy } from '../authz/policy.decorator.js';

class PlatformHealthDto extends createZodDto(platformHealthSchema) {}

/** The server's version, from its package.json (next to dist/ and src/). */
const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** The platform's health for people: dependencies, mail and the job queue, with the version. */
@ApiTags('admin')
@Policy('admin.health.read')
@Controller('admin/health')
export class PlatformHealthController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Admin: health of the database, cache, mail and job queue' })
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: PlatformHealthDto })
  async health(): Promise<PlatformHealth> {
    const mailer = this.mailer;
    const [database, cache, mail, jobs] = await Promise.all([
      probe(() => this.database.ping()),
      probe(() => this.cache.ping()),
      mailer instanceof SmtpMailer ? probe(() => mailer.verify()) : ('dev_mailbox' as const),
      this.jobs.stats().catch(() => undefined),
    ]);
    const healthy = database === 'up' && cache === 'up' && mail !== 'down' && jobs !== undefined;
    return {
      status: healthy ? 'ok' : 'degraded',
      version: VERSION,
      uptime_seconds: Math.round(process.uptime()),
      checks: { database, cache, mail },
      jobs: {
        pending: jobs?.pending ?? 0,
        failed: jobs?.failed ?? 0,
        oldest_due_seconds: Math.max(0, jobs?.oldestDueSeconds ?? 0),
      },
    };
  }
}
