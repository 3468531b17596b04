import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { livenessSchema, readinessSchema } from '@cardcoop/contracts';
import type { Readiness } from '@cardcoop/contracts';
import type { FastifyReply } from 'fastify';
import { CACHE } from '../cache/cache.js';
import type { Cache } from '../cache/cache.js';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { Policy } from '../../modules/authz/policy.decorator.js';

class LivenessDto extends createZodDto(livenessSchema) {}
class ReadinessDto extends createZodDto(readinessSchema) {}

const CHECK_TIMEOUT_MS = 2000;

export async function probe(check: () => Promise<void>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Policy('public')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(Lifecycle) private readonly lifecycle: Lifecycle,
  ) {}

  /** The process is alive; says nothing about its dependencies. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is alive' })
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'alive' };
  }

  /** Whether this node should receive traffic: dependencies up and not shutting down. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: dependencies up and not draining (503 otherwise)' })
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const [database, cache] = await Promise.all([
      probe(() => this.database.ping()),
      probe(() => this.cache.ping()),
    ]);
    const healthy = database === 'up' && cache === 'up';
    const status = this.lifecycle.draining ? 'draining' : healthy ? 'ready' : 'not_ready';
    if (status !== 'ready') reply.code(503);
    return { status, checks: { database, cache } };
  }
}
