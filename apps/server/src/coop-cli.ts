import { parseArgs } from 'node:util';
import { z } from 'zod';
import { antelopeNameSchema, createCooperativeSchema } from '@cardcoop/contracts';
import { configFromProcess } from './config/config.schema.js';
import { databaseOptions, openDatabase } from './db/database.js';
import { CooperativesRepository } from './modules/cooperatives/cooperatives.repository.js';
import { CooperativesService } from './modules/cooperatives/cooperatives.service.js';
import { coopPrivateKeyFromEnv } from './config/coop-private-key.js';
import { proveOwnership } from './coop-prove.js';
import { ServerCrypto } from './infra/crypto/server-crypto.js';
import { loadSecrets } from './infra/secrets/secrets.js';
import { bootstrapPlatformAdmin } from './modules/admin/platform-admin-bootstrap.js';

const USAGE = `Usage:
  npm run coop -- create <coopname> --name "<display name>" [--legal-name "<full legal name>"] [--purpose "<consent purpose>"] [--origin <https://…>]… [--redirect <https://…/callback>]… [--level basic|extended] [--admission members|open] [--entry <https://…/entry>]
  npm run coop -- set-entry <coopname> --entry <https://…/entry>   (quick entry, ADR 018; an empty value clears it)
  npm run coop -- set-consent <coopname> [--legal-name "<full legal name>"] [--purpose "<consent purpose>"]   (an empty value clears it)
  npm run coop -- rotate-secret <coopname>
  npm run coop -- list
  npm run coop -- prove <coopname> --challenge <challenge>   (signs with the cooperative account's key from COOP_PRIVATE_KEY or stdin; prints the proof to paste)
  npm run coop -- platform-admin <email>   (the member with this e-mail becomes a platform admin: the first one)
The database is the one the server uses (DATABASE_URL, or the embedded one in DATA_DIR).`;

/** The consent screen's legal name and purpose: absent keeps, empty clears (null). */
const consentArgs = z.object({
  legalName: createCooperativeSchema.shape.legal_name.unwrap().optional(),
  purpose: createCooperativeSchema.shape.consent_purpose.unwrap().optional(),
});
const emptyAsNull = (value: string | undefined) => (value === '' ? null : value);

const createArgs = z.object({
  coopname: antelopeNameSchema,
  name: z.string().trim().min(1).max(200),
  legalName: createCooperativeSchema.shape.legal_name,
  purpose: createCooperativeSchema.shape.consent_purpose,
  origins: z.array(
    z.url().refine((value) => new URL(value).origin === value, 'must be a bare origin'),
  ),
  redirects: z.array(z.url()),
  level: z.enum(['basic', 'extended']),
  admission: z.enum(['members', 'open']),
  entry: createCooperativeSchema.shape.entry_url,
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
      'legal-name': { type: 'string' },
      purpose: { type: 'string' },
      origin: { type: 'string', multiple: true },
      redirect: { type: 'string', multiple: true },
      level: { type: 'string' },
      admission: { type: 'string' },
      entry: { type: 'string' },
      challenge: { type: 'string' },
    },
  });
  const [command, coopname] = positionals;
  if (command === 'prove') {
    // No database: the proof is made here and pasted into the business panel.
    const stdin = process.stdin;
    print(
      await proveOwnership(coopname, values.challenge, { env: coopPrivateKeyFromEnv(), stdin }),
    );
    return;
  }
  const config = configFromProcess();
  const database = await openDatabase(databaseOptions(config.database));
  try {
    await database.migrate();
    const cooperatives = new CooperativesService(new CooperativesRepository(database));
    if (command === 'create') {
      const input = createArgs.parse({
        coopname,
        name: values.name,
        legalName: values['legal-name'],
        purpose: values.purpose,
        origins: values.origin ?? [],
        redirects: values.redirect ?? [],
        level: values.level ?? 'basic',
        admission: values.admission ?? 'members',
        entry: values.entry,
      });
      const { cooperative, clientSecret } = await cooperatives.create({
        coopname: input.coopname,
        displayName: input.name,
        legalName: input.legalName,
        consentPurpose: input.purpose,
        origins: input.origins,
        redirectUris: input.redirects,
        level: input.level,
        admission: input.admission,
        entryUrl: input.entry,
      });
      print({
        client_id: cooperative.coopname,
        client_secret: clientSecret,
        note: 'shown once: store it now',
      });
    } else if (command === 'set-consent' && coopname) {
      const current = await cooperatives.get(coopname);
      const { legalName, purpose } = consentArgs.parse({
        legalName: emptyAsNull(values['legal-name']),
        purpose: emptyAsNull(values.purpose),
      });
      const updated = await cooperatives.update(coopname, current.revision, {
        legalName,
        consentPurpose: purpose,
      });
      print({
        coopname,
        legal_name: updated.legalName,
        consent_purpose: updated.consentPurpose,
      });
    } else if (command === 'set-entry' && coopname && values.entry !== undefined) {
      const current = await cooperatives.get(coopname);
      const entryUrl = createCooperativeSchema.shape.entry_url.parse(emptyAsNull(values.entry));
      const updated = await cooperatives.update(coopname, current.revision, { entryUrl });
      print({ coopname, entry_url: updated.entryUrl });
    } else if (command === 'rotate-secret' && coopname) {
      print({
        client_id: coopname,
        client_secret: await cooperatives.rotateSecret(coopname),
        note: 'shown once',
      });
    } else if (command === 'platform-admin' && positionals[1]) {
      const { secrets } = await loadSecrets(config);
      print(
        await bootstrapPlatformAdmin(
          database,
          new ServerCrypto(secrets.masterKeys),
          positionals[1],
        ),
      );
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
