import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

/** The node's Prometheus registry, for every module that counts something. */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
