import { startAiforySandbox, type AiforySandbox } from '@cardcoop/aifory-sandbox';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '../../../config/config.module.js';
import { AIFORY_SANDBOX_DEFAULTS, parseConfig } from '../../../config/config.schema.js';
import { ClockModule } from '../../../infra/clock/clock.module.js';
import { MetricsService } from '../../../infra/metrics/metrics.service.js';
import { AiforyUnavailable } from './aifory-errors.js';
import { AiforyEndpoint, AiforyProviderModule } from './aifory-provider.module.js';
import { AIFORY_PROVIDER, type AiforyProvider } from './aifory.provider.js';

const registry = new Registry();

@Global()
@Module({
  providers: [{ provide: MetricsService, useValue: { registry } }],
  exports: [MetricsService],
})
class RegistryOnlyMetrics {}

describe('AiforyProviderModule', () => {
  let sandbox: AiforySandbox;
  beforeAll(async () => {
    sandbox = await startAiforySandbox({ port: 0, ...AIFORY_SANDBOX_DEFAULTS });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('gives AIFORY_PROVIDER from the configuration; without a base URL it waits for the sandbox', async () => {
    @Module({
      imports: [
        ConfigModule.forRoot(parseConfig({ AIFORY_TIMEOUT_MS: '2000' })),
        ClockModule,
        RegistryOnlyMetrics,
        AiforyProviderModule,
      ],
    })
    class Root {}
    const moduleRef = await NestFactory.createApplicationContext(Root, { logger: false });
    const aifory = moduleRef.get<AiforyProvider>(AIFORY_PROVIDER);
    await expect(aifory.masterBalance()).rejects.toSatisfy(
      (error) => error instanceof AiforyUnavailable && error.reason === 'not_configured',
    );
    moduleRef.get(AiforyEndpoint).useSandbox(sandbox.url);
    expect(await aifory.masterBalance()).toEqual(sandbox.masterBalance());
    const text = await registry.metrics();
    expect(text).toContain('aifory_calls_total{operation="account/balance",outcome="ok"} 1');
    expect(text).toContain('aifory_circuit_breaker_state 0');
    await moduleRef.close();
  });
});
