// Runs the sandbox standalone: `node apps/aifory-sandbox/dist/main.js` (see README.md).
import { pathToFileURL } from 'node:url';
import { startAiforySandbox } from './sandbox.js';
import type { AiforySandboxOptions } from './options.js';

/** The options the environment asks for; names every missing variable at once. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): AiforySandboxOptions {
  const missing = ['AIFORY_API_KEY', 'AIFORY_API_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`set ${missing.join(', ')}`);
  const port = Number(env.AIFORY_SANDBOX_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error('AIFORY_SANDBOX_PORT must be a port number');
  }
  return {
    port,
    host: env.AIFORY_SANDBOX_HOST ?? '127.0.0.1',
    apiKey: env.AIFORY_API_KEY as string,
    apiSecret: env.AIFORY_API_SECRET as string,
    ...(env.AIFORY_WEBHOOK_URL ? { webhookUrl: env.AIFORY_WEBHOOK_URL } : {}),
    ...(env.AIFORY_WEBHOOK_SECRET ? { webhookSecret: env.AIFORY_WEBHOOK_SECRET } : {}),
    depositSettlement: env.AIFORY_SANDBOX_DEPOSITS === 'async' ? 'async' : 'immediate',
    controlApi: env.AIFORY_SANDBOX_CONTROL_API !== 'false',
    log: (event, fields) => process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`),
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<void>> {
  const sandbox = await startAiforySandbox(optionsFromEnv(env));
  process.stdout.write(`Aifory sandbox on ${sandbox.url} (our model of the wire format)\n`);
  return () => sandbox.close();
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().then(
    (close) => {
      const stop = () => void close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
