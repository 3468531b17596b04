import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppError } from '../../common/errors/app-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { MetricsService } from './metrics.service.js';
import { Policy } from '../../modules/authz/policy.decorator.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Prometheus scrape endpoint. With `METRICS_TOKEN` it asks for `Authorization: Bearer <token>`
 * (compared as SHA-256 digests in constant time); without one it is open outside production —
 * and does not exist in production, where it would tell anyone the routes, load and errors.
 */
@ApiExcludeController()
@Policy('ops.metrics')
@Controller('metrics')
export class MetricsController {
  private readonly expected: Buffer | undefined;
  private readonly hidden: boolean;

  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(CONFIG) config: Config,
  ) {
    this.expected = config.metrics.token ? digest(config.metrics.token) : undefined;
    this.hidden = config.production && !this.expected;
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  render(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (this.hidden) throw new AppError('NOT_FOUND', 404);
    if (this.expected) {
      const given = authorization?.startsWith('Bearer ')
        ? digest(authorization.slice(7))
        : undefined;
      if (!given || !timingSafeEqual(given, this.expected)) {
        throw new AppError('UNAUTHORIZED', 401, {
          headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
        });
      }
    }
    return this.metrics.render();
  }
}
