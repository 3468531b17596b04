import { parseArgs } from 'node:util';
import { z } from 'zod';
import { antelopeNameSchema } from '@cardcoop/contracts';
import { configFromProcess } from './config/config.schema.js';
import { databaseOptions, openDatabase } from './db/database.js';
import { CooperativesRepository } from './modules/cooperatives/cooperatives.repository.js';
import { CooperativesService } from './modules/cooperatives/cooperatives.service.js';

const USAGE = `Usage:
  npm run coop -- create <coopname> --name "<display name>" [--origin <https://…>]… [--redirect <https://…/callback>]… [--level basic|extended] [--admission members|open]
  npm run coop -- rotate-secret <coopname>
  npm run coop -- list
The database is the one the server uses (DATABASE_URL, or the embedded one in DATA_DIR).`;

const createArgs = z.object({
  coopname: antelopeNameSchema,
  name: z.string().trim().min(1).max(200),
  origins: z.array(
    z.url().refine((value) => new URL(value).origin === value, 'must be a bare origin'),
  ),
  redirects: z.array(z.url()),
  level: z.enum(['basic', 'extended']),
  admission: z.enum(['members', 'open']),
});

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Registers cooperatives and rotates their client secrets; secrets are printed once. */
async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      redirect: { type: 'string', multiple: true },
      level: { type: 'string' },
      admission: { type: 'string' },
    },
  });
  const [command, coopname] = positionals;
  const database = await openDatabase(databaseOptions(configFromProcess().database));
  try {
    await database.migrate();
    const cooperatives = new CooperativesService(new CooperativesRepository(database));
    if (command === 'create') {
      const input = createArgs.parse({
        coopname,
        name: values.name,
        origins: values.origin ?? [],
        redirects: values.redirect ?? [],
        level: values.level ?? 'basic',
        admission: values.admission ?? 'members',
      });
      const { cooperative, clientSecret } = await cooperatives.create({
        coopname: input.coopname,
        displayName: input.name,
        origins: input.origins,
        redirectUris: input.redirects,
        level: input.level,
        admission: input.admission,
      });
      print({
        client_id: cooperative.coopname,
        client_secret: clientSecret,
        note: 'shown once: store it now',
      });
    } else if (command === 'rotate-secret' && coopname) {
      print({
        client_id: coopname,
        client_secret: await cooperatives.rotateSecret(coopname),
        note: 'shown once',
      });
    } else if (command === 'list') {
      print(
        (await cooperatives.list()).map(
          ({ clientSecretHash: _hidden, ...cooperative }) => cooperative,
        ),
      );
    } else {
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message =
    error instanceof z.ZodError
      ? z.prettifyError(error)
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exitCode = 1;
});
