import { generateSecrets, secretsToEnv } from './infra/secrets/secrets.js';

/**
 * Prints a fresh set of production secrets as environment lines:
 * `npm run secrets -w @cardcoop/server > secrets.env`. Keep them out of the database and its
 * backups; losing OPAQUE_SERVER_SETUP or MASTER_KEYS locks every member out.
 */
const env = secretsToEnv(await generateSecrets());
for (const [name, value] of Object.entries(env)) process.stdout.write(`${name}=${value}\n`);
