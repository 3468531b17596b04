import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startAiforySandbox } from '@cardcoop/aifory-sandbox';
import type { AiforySandbox } from '@cardcoop/aifory-sandbox';
import type { Logger } from '../../common/logging/logger.js';
import type { Config } from '../../config/config.schema.js';
import { AiforyEndpoint } from './provider/aifory-provider.module.js';

/**
 * Without AIFORY_BASE_URL (never in production) the server runs the Aifory sandbox in-process
 * on a free loopback port, its webhooks pointed at this server, so virtual cards work on a fresh
 * machine. It stops with the server. Undefined when a real base URL is set or cards are off.
 */
export async function startEmbeddedSandbox(
  app: NestFastifyApplication,
  config: Config,
  logger: Logger,
): Promise<AiforySandbox | undefined> {
  if (!config.aifory.enabled || config.aifory.baseUrl) return undefined;
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const sandbox = await startAiforySandbox({
    apiKey: config.aifory.apiKey,
    apiSecret: config.aifory.apiSecret,
    webhookSecret: config.aifory.webhookSecret,
    webhookUrl: `http://127.0.0.1:${port}/api/v1/aifory/webhook`,
    controlApi: true,
    log: (event, fields) => logger.debug({ ...fields, sandbox: event }, 'aifory sandbox'),
  });
  app.get(AiforyEndpoint).useSandbox(sandbox.url);
  app.getHttpServer().once('close', () => void sandbox.close());
  return sandbox;
}
