import { Module } from '@nestjs/common';
import { CONFIG } from '../../../config/config.module.js';
import type { Config } from '../../../config/config.schema.js';
import { CLOCK, type Clock } from '../../../infra/clock/clock.js';
import { MetricsService } from '../../../infra/metrics/metrics.service.js';
import { AiforyMetrics } from './aifory-metrics.js';
import { AIFORY_PROVIDER, type AiforyProvider } from './aifory.provider.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { HttpAiforyProvider } from './http-aifory.provider.js';

/** Consecutive failed calls that open the breaker, and how long it stays open. */
export const AIFORY_BREAKER = { failureThreshold: 5, coolDownMs: 30_000 } as const;

/**
 * Where Aifory answers: `AIFORY_BASE_URL`, or — when unset outside production — the embedded
 * sandbox's URL, set by whoever starts it (`useSandbox`). Until then calls fail with
 * AiforyUnavailable `not_configured`.
 */
export class AiforyEndpoint {
  private sandboxUrl: string | undefined;

  constructor(private readonly configured: string | undefined) {}

  get url(): string | undefined {
    return this.configured ?? this.sandboxUrl;
  }

  useSandbox(url: string): void {
    this.sandboxUrl = url;
  }
}

/** Builds this node's provider: one breaker, its metrics in the node's registry. */
export function createAiforyProvider(
  config: Config,
  metrics: MetricsService,
  clock: Clock,
  endpoint: AiforyEndpoint,
): AiforyProvider {
  const aiforyMetrics = new AiforyMetrics(metrics.registry);
  const breaker = new CircuitBreaker({
    ...AIFORY_BREAKER,
    clock,
    onStateChange: (state) => aiforyMetrics.breakerState(state),
  });
  return new HttpAiforyProvider({
    baseUrl: () => endpoint.url,
    apiKey: config.aifory.apiKey,
    apiSecret: config.aifory.apiSecret,
    timeoutMs: config.aifory.timeoutMs,
    breaker,
    metrics: aiforyMetrics,
  });
}

/** `AIFORY_PROVIDER` (HttpAiforyProvider from the configuration) and its `AiforyEndpoint`. */
@Module({
  providers: [
    {
      provide: AiforyEndpoint,
      useFactory: (config: Config) => new AiforyEndpoint(config.aifory.baseUrl),
      inject: [CONFIG],
    },
    {
      provide: AIFORY_PROVIDER,
      useFactory: createAiforyProvider,
      inject: [CONFIG, MetricsService, CLOCK, AiforyEndpoint],
    },
  ],
  exports: [AIFORY_PROVIDER, AiforyEndpoint],
})
export class AiforyProviderModule {}
